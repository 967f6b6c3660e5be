package dev.ticketspace.store;

import java.time.Instant;

/** A row of {@code applied_events}: an event id applied in the workspace, kept for the idempotency window. */
public record AppliedEvent(String workspaceId, String eventId, String type, Instant occurredAt, Instant appliedAt) {
}
