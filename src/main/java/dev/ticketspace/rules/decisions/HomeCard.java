package dev.ticketspace.rules.decisions;

/**
 * Messenger Home shows this card with at most {@code limit} entries (S2). Cards are shown highest
 * {@code priority} first, then in the order {@link CardType} declares them. Rules that put the same card
 * on Home twice: the highest priority wins, then the smaller limit.
 */
public record HomeCard(CardType type, int limit, int priority) implements OnePerSubject<HomeCard> {
    public HomeCard(CardType type, int limit) {
        this(type, limit, 0);
    }

    @Override
    public int compareTo(HomeCard other) {
        return priority != other.priority ? Integer.compare(priority, other.priority)
                : Integer.compare(other.limit, limit);
    }

    @Override
    public String subject() {
        return type.wire();
    }
}
