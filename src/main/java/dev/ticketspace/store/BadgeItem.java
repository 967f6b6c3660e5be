package dev.ticketspace.store;

/** A row of {@code badge_items}: the subject's rules light the space's badge with the item. */
public record BadgeItem(String subject, String space, String itemId) {
    /** The item in its space, whichever subject lit it: one item counts once in its space's badge. */
    public BadgeItem anySubject() {
        return new BadgeItem("", space, itemId);
    }
}
