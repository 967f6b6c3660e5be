package dev.ticketspace.webhooks;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.Instant;

/** A delivery as the delivery log shows it; {@code nextAttemptAt} only while pending. */
public record Delivery(String id, String eventType,
                       @Schema(allowableValues = {"pending", "delivered", "failed"}) String status,
                       int attempts, Instant createdAt, @Nullable Instant lastAttemptAt,
                       @Nullable Integer lastResponseCode, @Nullable String lastError, @Nullable Instant nextAttemptAt) {
    static Delivery of(DeliveryRow row) {
        return new Delivery(row.id(), row.eventType(), row.status(), row.attempts(), row.createdAt(),
                row.lastAttemptAt(), row.lastResponseCode(), row.lastError(),
                DeliveryRow.PENDING.equals(row.status()) ? row.nextAttemptAt() : null);
    }
}
