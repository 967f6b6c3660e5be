package dev.ticketspace.store;

/** A ticket whose subject a time-based rule decides otherwise by now, and its conversation (or null). */
public record DueSubject(String ticketId, String conversationId) {
}
