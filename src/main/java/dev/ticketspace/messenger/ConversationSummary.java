package dev.ticketspace.messenger;

import java.time.Instant;

/** A conversation in the Messages space, with its linked ticket's summary when it has one (S3). */
public record ConversationSummary(String id, String state, boolean unread, Instant lastMessageAt, TicketSummary ticket) {
}
