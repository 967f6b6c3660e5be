package dev.ticketspace.rules.decisions;

import java.time.Instant;

/** The ticket is in the Tickets space list, ranked by {@code rankAt}, latest first; ties: newer ticket first (L1). */
public record ListedTicket(String ticketId, Instant rankAt) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
