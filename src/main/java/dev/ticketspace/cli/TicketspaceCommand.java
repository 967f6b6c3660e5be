package dev.ticketspace.cli;

import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Argument;
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
}
