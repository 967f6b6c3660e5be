package dev.ticketspace.rules.facts;

import dev.ticketspace.store.ConversationRow;
import java.time.Instant;

/**
 * A conversation as the rules see it: as stored, before the event being applied changes it.
 *
 * @param messageCount          messages from anyone so far
 * @param lastMessageAt         time of the newest message, or null
 * @param lastTeammateMessageAt time of the newest teammate message, or null
 * @param customerReadAt        the customer has read the conversation up to this time, or null
 */
public record Conversation(
        String id,
        String customerId,
        ConversationState state,
        int messageCount,
        Instant lastMessageAt,
        Instant lastTeammateMessageAt,
        Instant customerReadAt,
        Instant createdAt,
        Instant stateChangedAt) {

    public static Conversation of(ConversationRow row) {
        return new Conversation(row.id(), row.customerId(), ConversationState.of(row.state()), row.messageCount(),
                row.lastMessageAt(), row.lastTeammateMessageAt(), row.customerReadAt(), row.createdAt(),
                row.stateChangedAt());
    }
}
