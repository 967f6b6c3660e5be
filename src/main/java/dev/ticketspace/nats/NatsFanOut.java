package dev.ticketspace.nats;

import dev.ticketspace.store.CommittedChanges;
import io.dropwizard.core.setup.Environment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Sets up the NATS transport of one replica: its connection, its candidate relay, its subscriptions. */
public final class NatsFanOut {
    private NatsFanOut() {
    }

    /**
     * Manages the connection and the relay (started before, stopped after, what is managed later) and
     * registers the {@code nats} health check; answers the replica's source of changes, for the caller to manage.
     */
    public static CommittedChanges install(Environment environment, Jdbi jdbi, NatsConfig config,
                                           Duration pollInterval, Duration retention,
                                           Collection<String> workspaceIds, Clock clock) {
        String replica = replicaName();
        NatsTransport transport = new NatsTransport(config, "ticketspace " + replica);
        Subjects subjects = new Subjects(config.subjectPrefix());
        environment.lifecycle().manage(transport);
        environment.lifecycle().manage(new ChangeRelay(jdbi, transport, subjects, config, pollInterval, retention,
                clock, replica, environment.metrics()));
        environment.healthChecks().register("nats", new NatsHealthCheck(transport));
        return new NatsChanges(transport, subjects, workspaceIds, environment.metrics());
    }

    /** The host and a random part: two replicas on one host, or one started again, are told apart. */
    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
