package dev.ticketspace.rules.happenings;

import java.time.Instant;

/** The customer read the conversation at {@code occurredAt}. */
public record ConversationRead(String eventId, Instant occurredAt, String conversationId) implements Happening {
}
