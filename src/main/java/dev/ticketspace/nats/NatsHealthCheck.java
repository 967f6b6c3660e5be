package dev.ticketspace.nats;

import com.codahale.metrics.health.HealthCheck;
import io.nats.client.Connection;

/** {@code nats}: healthy while this replica is connected to a NATS server. */
final class NatsHealthCheck extends HealthCheck {
    private final NatsTransport transport;

    NatsHealthCheck(NatsTransport transport) {
        this.transport = transport;
    }

    @Override
    protected Result check() {
        Connection.Status status = transport.status();
        return status == Connection.Status.CONNECTED ? Result.healthy()
                : Result.unhealthy("not connected to NATS (" + status + "): streams here miss other replicas' changes "
                        + "until it is back; they are all refreshed then");
    }
}
