package dev.ticketspace.rules.happenings;

import dev.ticketspace.rules.facts.Category;
import java.time.Instant;

/** The help desk moved the ticket to a state: the ticket fact still holds the state before. */
public record TicketStateChanged(String eventId, Instant occurredAt, String ticketId, Category category,
                                 String label) implements Happening {
}
