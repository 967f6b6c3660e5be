package dev.ticketspace.store;

import java.time.Instant;

/** A row of {@code customers}: the version of what the customer sees, and when it next changes by itself. */
public record CustomerRow(long version, Instant recheckAt) {
}
