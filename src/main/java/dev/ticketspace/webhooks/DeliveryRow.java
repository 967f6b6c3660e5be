package dev.ticketspace.webhooks;

import java.time.Instant;

/** A stored outbox message for one endpoint, and how its delivery goes. */
public record DeliveryRow(String workspaceId, String id, String endpointId, String eventType, String payload,
                          String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant giveUpAt,
                          Instant lastAttemptAt, Integer lastResponseCode, String lastError) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
