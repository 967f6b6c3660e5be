package dev.ticketspace.store;

import java.time.Instant;

/** A row of {@code customer_history}: an applied event, and the service's time when it was applied. */
public record HistoryRow(String eventJson, Instant decidedAt) {
}
