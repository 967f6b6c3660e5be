package dev.ticketspace.webhooks;

import java.time.Instant;

/** A delivery as the delivery log shows it; {@code nextAttemptAt} only while pending. */
public record Delivery(String id, String eventType, String status, int attempts, Instant createdAt,
                       Instant lastAttemptAt, Integer lastResponseCode, String lastError, Instant nextAttemptAt) {
    static Delivery of(DeliveryRow row) {
        return new Delivery(row.id(), row.eventType(), row.status(), row.attempts(), row.createdAt(),
                row.lastAttemptAt(), row.lastResponseCode(), row.lastError(),
                DeliveryRow.PENDING.equals(row.status()) ? row.nextAttemptAt() : null);
    }
}
