package dev.ticketspace.rules.happenings;

import java.time.Instant;

/** The ticket is being linked to the conversation. */
public record TicketLinked(String eventId, Instant occurredAt, String ticketId, String conversationId)
        implements Happening {
}
