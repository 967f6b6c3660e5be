package dev.ticketspace.rules.decisions;

import dev.ticketspace.store.TicketTime;
import java.time.Instant;

/** When an event is applied: the ticket had activity at {@code at} (L1). */
public record TicketActivity(String ticketId, Instant at) implements TicketTimeDecision {
    @Override
    public TicketTime time() {
        return TicketTime.ACTIVITY;
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
