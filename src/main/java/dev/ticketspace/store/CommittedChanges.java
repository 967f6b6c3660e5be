package dev.ticketspace.store;

import io.dropwizard.lifecycle.Managed;
import java.util.function.Consumer;

/**
 * Where a replica learns of committed changes to customers' states, for caches and live streams: those
 * committed through this replica at once, and those committed through any replica from a transport
 * ({@code live.transport}: the change log in the database, or NATS JetStream).
 */
public interface CommittedChanges extends Managed {
    /** Tells the listener of every change, on the transport's thread: the listener only queues work. */
    void subscribe(Consumer<StateChange> listener);

    /**
     * Passes on a change committed through this replica at once, rather than when the transport brings
     * it: reads on this replica see their own writes. The transport passes it on again later; listeners
     * take repeats.
     */
    void publish(StateChange change);

    /**
     * This replica now holds a stream of the customer: from here on it must learn of the customer's
     * changes. A transport that brings every change to every replica needs nothing more.
     */
    default void hold(String workspaceId, String customerId) {
    }

    /** The customer's last stream on this replica closed: their changes are no longer needed here. */
    default void release(String workspaceId, String customerId) {
    }
}
