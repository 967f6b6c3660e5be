package dev.ticketspace.cli;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** A command that reads the configuration, from {@code config.yml} unless another file is named. */
abstract class TicketspaceCommand extends ConfiguredCommand<TicketspaceConfiguration> {
    TicketspaceCommand(String name, String description) {
        super(name, description);
    }

    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return subparser.addArgument("file").nargs("?").setDefault("config.yml")
                .help("application configuration file (default config.yml)");
    }

    /** The configuration file the command line names (the command reads it, and its errors name it). */
    String configurationFile(Namespace namespace) {
        return namespace.getString("file");
    }

    /** The configured workspaces, of which {@code --workspace} must be one. */
    static Workspaces workspacesWithTheOneNamed(Namespace namespace, TicketspaceConfiguration configuration) {
        Workspaces workspaces = new Workspaces(configuration.getWorkspaces());
        String id = namespace.getString("workspace");
        if (workspaces.byId(id).isEmpty()) {
            throw new CommandFailed("no workspace " + id + " in " + namespace.getString("file") + " (it has "
                    + String.join(", ", workspaces.all().stream().map(Workspace::id).toList()) + ")");
        }
        return workspaces;
    }
}
