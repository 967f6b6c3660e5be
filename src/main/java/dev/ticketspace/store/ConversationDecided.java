package dev.ticketspace.store;

import java.time.Instant;

/**
 * What the rules decided about a conversation at read time, stored with it.
 *
 * @param listKey        its {@link ListKey} in the Messages space list
 * @param linkedTicketId the ticket its entry carries, or null
 * @param recheckAt      when a time-based rule next decides otherwise about its subject, or null
 */
public record ConversationDecided(String conversationId, String listKey, boolean unread, String linkedTicketId,
                                  Instant recheckAt) {
    public ConversationDecided withRecheckAt(Instant at) {
        return new ConversationDecided(conversationId, listKey, unread, linkedTicketId, at);
    }

    /** A conversation nothing was decided about yet: it counts for nothing. */
    public static ConversationDecided none(String conversationId) {
        return new ConversationDecided(conversationId, null, false, null, null);
    }
}
