package dev.ticketspace.rules.happenings;

import dev.ticketspace.rules.facts.Category;
import java.time.Instant;

/** A ticket was created; {@code conversationId} is the conversation it was created in, or null. */
public record TicketCreated(String eventId, Instant occurredAt, String ticketId, String title, Category category,
                            String label, boolean sharedWithCustomer, String conversationId) implements Happening {
}
