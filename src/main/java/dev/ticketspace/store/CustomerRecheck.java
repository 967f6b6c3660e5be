package dev.ticketspace.store;

import java.time.Instant;

/** When a customer's state, as decided at {@code version}, next changes by itself (null: never). */
public record CustomerRecheck(String customerId, long version, Instant at) {
}
