package dev.ticketspace.store;

import java.time.Instant;

/**
 * A row of {@code customers}: the version of what the customer sees, when it next changes by itself, the
 * fingerprint of the rules its subjects were decided under (null: never), and the counts kept over them.
 */
public record CustomerRow(long version, Instant recheckAt, String decidedRules, int sharedTickets,
                          int listedTickets, int cardCandidates, int unreadTickets, int unreadConversations,
                          int homeBadge, int messagesBadge, int ticketsBadge) {
    /** A customer the store has no row of: nothing happened to them yet. */
    public static final CustomerRow NONE = new CustomerRow(0, null, null, 0, 0, 0, 0, 0, 0, 0, 0);

    public StoredCounts counts() {
        return new StoredCounts(sharedTickets, listedTickets, cardCandidates, unreadTickets, unreadConversations);
    }

    public BadgeCounts badges() {
        return new BadgeCounts(homeBadge, messagesBadge, ticketsBadge);
    }
}
