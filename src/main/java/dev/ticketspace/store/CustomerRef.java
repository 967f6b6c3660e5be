package dev.ticketspace.store;

/** A customer, and whether its whole history is kept (so that it can be replayed). */
public record CustomerRef(String workspaceId, String customerId, boolean replayable) {
    public CustomerKey key() {
        return new CustomerKey(workspaceId, customerId);
    }
}
