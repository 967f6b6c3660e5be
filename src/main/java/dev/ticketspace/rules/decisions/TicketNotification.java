package dev.ticketspace.rules.decisions;

import java.time.Instant;

/** When an event is applied: the ticket has an update to notify the customer of, at {@code at} (B1). */
public record TicketNotification(String ticketId, Instant at) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
