package dev.ticketspace.cli;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.auth.CustomerTokens;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code token --workspace demo --customer c1 [config.yml]}: prints a customer token for trying the API. */
public final class TokenCommand extends TicketspaceCommand {
    public TokenCommand() {
        super("token", "Prints a customer token (HS256 JWT) for trying the messenger API");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--workspace").required(true).help("workspace id, e.g. demo");
        subparser.addArgument("--customer").required(true).help("customer id, e.g. c1");
        subparser.addArgument("--lifetime-minutes").type(Long.class).setDefault(60L)
                .help("minutes until the token expires (default 60; at most tokens.maxLifetime)");
    }

    @Override
    protected void run(Bootstrap<TicketspaceConfiguration> bootstrap, Namespace namespace,
                       TicketspaceConfiguration configuration) {
        long minutes = namespace.getLong("lifetime_minutes");
        Duration maxLifetime = configuration.getTokens().maxLifetime().toJavaDuration();
        if (minutes < 1 || minutes > maxLifetime.toMinutes()) {
            throw new CommandFailed("--lifetime-minutes must be 1 to " + maxLifetime.toMinutes()
                    + " (tokens.maxLifetime is " + configuration.getTokens().maxLifetime() + ")");
        }
        CustomerTokens tokens = new CustomerTokens(workspacesWithTheOneNamed(namespace, configuration), maxLifetime,
                Clock.systemUTC());
        System.out.println(tokens.mint(namespace.getString("workspace"), namespace.getString("customer"),
                Duration.ofMinutes(minutes)));
    }
}
