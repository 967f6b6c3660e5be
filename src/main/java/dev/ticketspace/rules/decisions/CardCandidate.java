package dev.ticketspace.rules.decisions;

import java.time.Instant;

/** The ticket may be on the Recent tickets card, ranked by {@code rankAt}, latest first (C1). */
public record CardCandidate(String ticketId, Instant rankAt) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
