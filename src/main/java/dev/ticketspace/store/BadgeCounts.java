package dev.ticketspace.store;

import java.util.Collection;

/** How many distinct items light each space's badge, kept on the customer's row. */
public record BadgeCounts(int home, int messages, int tickets) {
    public static final BadgeCounts ZERO = new BadgeCounts(0, 0, 0);

    public BadgeCounts plus(BadgeCounts other) {
        return new BadgeCounts(home + other.home, messages + other.messages, tickets + other.tickets);
    }

    /** These counts with one more (or, for a negative {@code delta}, fewer) items in the space. */
    public BadgeCounts plus(String space, int delta) {
        return switch (space) {
            case "home" -> new BadgeCounts(home + delta, messages, tickets);
            case "messages" -> new BadgeCounts(home, messages + delta, tickets);
            case "tickets" -> new BadgeCounts(home, messages, tickets + delta);
            default -> throw new IllegalArgumentException("no space " + space);
        };
    }

    public int of(String space) {
        return switch (space) {
            case "home" -> home;
            case "messages" -> messages;
            case "tickets" -> tickets;
            default -> throw new IllegalArgumentException("no space " + space);
        };
    }

    /** The counts of distinct items among these. */
    public static BadgeCounts of(Collection<BadgeItem> items) {
        BadgeCounts counts = ZERO;
        for (BadgeItem item : items.stream().map(BadgeItem::anySubject).distinct().toList()) {
            counts = counts.plus(item.space(), 1);
        }
        return counts;
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
