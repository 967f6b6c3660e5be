package dev.ticketspace.events;

import org.jdbi.v3.core.Handle;

/**
 * Told of each event that applied (not a duplicate, not rejected), inside the transaction that applies it:
 * what it writes with the handle commits or rolls back with the event.
 */
public interface AppliedEventListener {
    void applied(Handle handle, String workspaceId, String customerId, Event event);
}
