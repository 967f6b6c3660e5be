package dev.ticketspace.rules.decisions;

import java.time.Instant;

/** When an event is applied: activity that counts for the Recent tickets card, at {@code at} (C1). */
public record CardActivity(String ticketId, Instant at) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
