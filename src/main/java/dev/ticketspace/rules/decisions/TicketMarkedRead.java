package dev.ticketspace.rules.decisions;

import dev.ticketspace.store.TicketTime;
import java.time.Instant;

/** When an event is applied: the customer has read the ticket up to {@code at} (R1). */
public record TicketMarkedRead(String ticketId, Instant at) implements TicketTimeDecision {
    @Override
    public TicketTime time() {
        return TicketTime.READ;
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
