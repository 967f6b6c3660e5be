package dev.ticketspace.rules.decisions;

import java.time.Instant;

/**
 * The ticket is in the Tickets space list (L1): highest {@code priority} first, then the latest
 * {@code rankAt}, then the newer ticket. Rules that list a ticket twice: the highest priority wins, then
 * the latest rank.
 */
public record ListedTicket(String ticketId, Instant rankAt, int priority) implements OnePerSubject<ListedTicket> {
    public ListedTicket(String ticketId, Instant rankAt) {
        this(ticketId, rankAt, 0);
    }

    @Override
    public int compareTo(ListedTicket other) {
        return priority != other.priority ? Integer.compare(priority, other.priority)
                : Ranks.compare(rankAt, other.rankAt);
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
