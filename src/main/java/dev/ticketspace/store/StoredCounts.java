package dev.ticketspace.store;

/** The counts kept on a customer's row over what the rules decided about each of the customer's subjects. */
public record StoredCounts(int sharedTickets, int listedTickets, int cardCandidates, int unreadTickets,
                           int unreadConversations) {
    public static final StoredCounts ZERO = new StoredCounts(0, 0, 0, 0, 0);

    public StoredCounts plus(StoredCounts other) {
        return new StoredCounts(sharedTickets + other.sharedTickets, listedTickets + other.listedTickets,
                cardCandidates + other.cardCandidates, unreadTickets + other.unreadTickets,
                unreadConversations + other.unreadConversations);
    }

    public StoredCounts minus(StoredCounts other) {
        return plus(new StoredCounts(-other.sharedTickets, -other.listedTickets, -other.cardCandidates,
                -other.unreadTickets, -other.unreadConversations));
    }

    /** What one ticket's stored decisions add to the counts. */
    public static StoredCounts of(TicketDecided ticket) {
        return new StoredCounts(ticket.countedShared() ? 1 : 0, ticket.listKey() != null ? 1 : 0,
                ticket.cardKey() != null ? 1 : 0, ticket.unread() ? 1 : 0, 0);
    }

    /** What one conversation's stored decisions add to the counts. */
    public static StoredCounts of(ConversationDecided conversation) {
        return new StoredCounts(0, 0, 0, 0, conversation.unread() ? 1 : 0);
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
