package dev.ticketspace.rules.happenings;

import dev.ticketspace.rules.facts.Author;
import java.time.Instant;

/** A message arrived in the conversation: the conversation fact does not count it yet. */
public record MessageAdded(String eventId, Instant occurredAt, String conversationId, String messageId,
                           Author author) implements Happening {
}
