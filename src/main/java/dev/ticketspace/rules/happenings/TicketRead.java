package dev.ticketspace.rules.happenings;

import java.time.Instant;

/** The customer read the ticket at {@code occurredAt}. */
public record TicketRead(String eventId, Instant occurredAt, String ticketId) implements Happening {
}
