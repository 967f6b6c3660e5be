package dev.ticketspace.rules.happenings;

import java.time.Instant;

/** A conversation was started. */
public record ConversationCreated(String eventId, Instant occurredAt, String conversationId) implements Happening {
}
