package dev.ticketspace.rules.decisions;

import dev.ticketspace.store.TicketTime;
import java.time.Instant;

/** When an event is applied: activity that counts for the Recent tickets card, at {@code at} (C1). */
public record CardActivity(String ticketId, Instant at) implements TicketTimeDecision {
    @Override
    public TicketTime time() {
        return TicketTime.CARD_ACTIVITY;
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
