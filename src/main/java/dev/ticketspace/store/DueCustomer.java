package dev.ticketspace.store;

import java.time.Instant;

/** A customer whose state a time-based rule decides otherwise from {@code recheckAt} on. */
public record DueCustomer(String workspaceId, String customerId, Instant recheckAt) {
}
