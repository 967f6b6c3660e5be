package dev.ticketspace.events;

import org.jdbi.v3.core.Handle;

/**
 * Told of each event that applied (not a duplicate, not rejected), inside the transaction that applies it:
 * what it writes with the handle commits or rolls back with the event.
 */
public interface AppliedEventListener {
    /** Opened once per transaction, at its first applied event, so that it can read what it needs once. */
    InTransaction open(Handle handle, String workspaceId);

    /** The listener within one transaction. */
    @FunctionalInterface
    interface InTransaction {
        void applied(String customerId, Event event);
    }
}
