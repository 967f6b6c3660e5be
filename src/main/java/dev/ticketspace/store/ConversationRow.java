package dev.ticketspace.store;

import java.time.Instant;

/**
 * A row of {@code conversations}: a conversation as stored, and the working copy an event changes. The
 * rules see it as a {@link dev.ticketspace.rules.facts.Conversation}.
 *
 * @param state                 {@code open}, {@code snoozed} or {@code closed}
 * @param messageCount          messages from anyone so far
 * @param lastMessageAt         time of the newest message, or null
 * @param lastTeammateMessageAt time of the newest teammate message, or null
 * @param customerReadAt        the customer has read the conversation up to this time, or null
 */
public record ConversationRow(
        String id,
        String customerId,
        String state,
        int messageCount,
        Instant lastMessageAt,
        Instant lastTeammateMessageAt,
        Instant customerReadAt,
        Instant createdAt,
        Instant stateChangedAt) {

    /** A new conversation: open, no message yet. */
    public static ConversationRow created(String id, String customerId, Instant at) {
        return new ConversationRow(id, customerId, "open", 0, null, null, null, at, at);
    }

    // Events are recorded with these.

    public ConversationRow withMessage(boolean fromTeammate, Instant at) {
        return new ConversationRow(id, customerId, state, messageCount + 1, Times.later(lastMessageAt, at),
                fromTeammate ? Times.later(lastTeammateMessageAt, at) : lastTeammateMessageAt,
                customerReadAt, createdAt, stateChangedAt);
    }

    public ConversationRow withState(String newState, Instant at) {
        return new ConversationRow(id, customerId, newState, messageCount, lastMessageAt, lastTeammateMessageAt,
                customerReadAt, createdAt, at);
    }

    public ConversationRow withReadAt(Instant at) {
        return new ConversationRow(id, customerId, state, messageCount, lastMessageAt, lastTeammateMessageAt,
                Times.later(customerReadAt, at), createdAt, stateChangedAt);
    }
}
