package dev.ticketspace.rules.decisions;

import java.time.Instant;

/**
 * The ticket may be on the Recent tickets card (C1). The card shows the highest {@code priority} first
 * (pinning: give a ticket a priority above 0), then the latest {@code rankAt}, then the newer ticket.
 * Rules that make a ticket a candidate twice: the highest priority wins, then the latest rank.
 */
public record CardCandidate(String ticketId, Instant rankAt, int priority) implements OnePerSubject<CardCandidate> {
    public CardCandidate(String ticketId, Instant rankAt) {
        this(ticketId, rankAt, 0);
    }

    @Override
    public int compareTo(CardCandidate other) {
        return priority != other.priority ? Integer.compare(priority, other.priority)
                : Ranks.compare(rankAt, other.rankAt);
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
