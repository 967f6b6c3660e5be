package dev.ticketspace.rules.happenings;

import dev.ticketspace.rules.facts.ConversationState;
import java.time.Instant;

/** The conversation is now open, snoozed or closed. */
public record ConversationStateChanged(String eventId, Instant occurredAt, String conversationId,
                                       ConversationState state) implements Happening {
}
