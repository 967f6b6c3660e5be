package dev.ticketspace.rules.decisions;

import java.time.Instant;

/** When an event is applied: the ticket had activity at {@code at} (L1). */
public record TicketActivity(String ticketId, Instant at) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
