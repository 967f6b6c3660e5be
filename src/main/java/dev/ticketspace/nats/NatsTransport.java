package dev.ticketspace.nats;

import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's connection to NATS, for the relay and the subscriptions alike. It starts even while no
 * server answers and keeps reconnecting, forever; whoever needs to know is told when notices may have been
 * missed: after a reconnect (core NATS delivers nothing to a connection that is away) or when this client
 * had to drop messages.
 */
public final class NatsTransport implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(NatsTransport.class);

    private final NatsConfig config;
    private final String name;
    private final List<Runnable> onMissed = new CopyOnWriteArrayList<>();
    private volatile Connection connection;
    /** Set while the connection is away (said once) or closing: jnats' every failed try is not worth a line. */
    private volatile boolean away;

    /** @param name how this replica shows in the servers' monitoring (connz) */
    public NatsTransport(NatsConfig config, String name) {
        this.config = config;
        this.name = name;
    }

    /** Runs the action whenever notices may have been missed; it runs on a NATS thread and only queues work. */
    void onMissed(Runnable action) {
        onMissed.add(action);
    }

    Connection connection() {
        return connection;
    }

    /** CONNECTED, RECONNECTING, ...: the connection's state now. */
    public Connection.Status status() {
        Connection current = connection;
        return current == null ? Connection.Status.DISCONNECTED : current.getStatus();
    }

    @Override
    public void start() throws Exception {
        Options.Builder options = new Options.Builder()
                .server(config.url())
                .connectionName(name)
                .connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionListener(this::connectionEvent)
                .errorListener(new Errors());
        if (config.user() != null) {
            options.userInfo(config.user(), config.password());
        }
        connection = Nats.connectReconnectOnConnect(options.build());
    }

    @Override
    public void stop() throws InterruptedException {
        away = true;
        Connection current = connection;
        if (current != null) {
            current.close();
        }
    }

    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED -> {
                // also when the first connection comes late: streams opened meanwhile may have missed changes
                away = false;
                LOG.info("connected to NATS at {}", source.getConnectedUrl());
                missed();
            }
            case DISCONNECTED -> {
                if (!away) {
                    away = true;
                    LOG.warn("disconnected from NATS; reconnecting every 250 ms");
                }
            }
            case RECONNECTED -> {
                away = false;
                LOG.info("reconnected to NATS at {}", source.getConnectedUrl());
                missed();
            }
            default -> {
            }
        }
    }

    private void missed() {
        onMissed.forEach(Runnable::run);
    }

    /** jnats' own warnings, in the service's log; messages this client had to drop count as missed notices. */
    private final class Errors implements ErrorListener {
        @Override
        public void errorOccurred(Connection source, String error) {
            LOG.warn("NATS: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection source, Exception exception) {
            if (!away) {
                LOG.warn("NATS: {}", exception.toString());
            }
        }

        @Override
        public void slowConsumerDetected(Connection source, Consumer consumer) {
            LOG.warn("NATS: this replica fell behind reading changes; refreshing every stream");
            missed();
        }
    }
}
