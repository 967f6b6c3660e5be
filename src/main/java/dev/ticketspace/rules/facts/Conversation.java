package dev.ticketspace.rules.facts;

import java.time.Instant;

/**
 * A conversation as stored, before the event being applied changes it.
 *
 * @param state                 {@code open}, {@code snoozed} or {@code closed}
 * @param messageCount          messages from anyone so far
 * @param lastMessageAt         time of the newest message, or null
 * @param lastTeammateMessageAt time of the newest teammate message, or null
 * @param customerReadAt        the customer has read the conversation up to this time, or null
 */
public record Conversation(
        String id,
        String customerId,
        String state,
        int messageCount,
        Instant lastMessageAt,
        Instant lastTeammateMessageAt,
        Instant customerReadAt,
        Instant createdAt,
        Instant stateChangedAt) {

    // The service records events with these; rules never change facts.

    public Conversation withMessage(boolean fromTeammate, Instant at) {
        return new Conversation(id, customerId, state, messageCount + 1, Times.later(lastMessageAt, at),
                fromTeammate ? Times.later(lastTeammateMessageAt, at) : lastTeammateMessageAt,
                customerReadAt, createdAt, stateChangedAt);
    }

    public Conversation withState(String newState, Instant at) {
        return new Conversation(id, customerId, newState, messageCount, lastMessageAt, lastTeammateMessageAt,
                customerReadAt, createdAt, at);
    }

    public Conversation withReadAt(Instant at) {
        return new Conversation(id, customerId, state, messageCount, lastMessageAt, lastTeammateMessageAt,
                Times.later(customerReadAt, at), createdAt, stateChangedAt);
    }
}
