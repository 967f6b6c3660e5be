package dev.ticketspace.store;

/** A customer, by its key. */
public record CustomerKey(String workspaceId, String customerId) {
}
