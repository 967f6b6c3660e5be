package dev.ticketspace.rules.decisions;

import dev.ticketspace.store.TicketTime;
import java.time.Instant;

/** When an event is applied: the ticket has an update to notify the customer of, at {@code at} (B1). */
public record TicketNotification(String ticketId, Instant at) implements TicketTimeDecision {
    @Override
    public TicketTime time() {
        return TicketTime.NOTIFICATION;
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
