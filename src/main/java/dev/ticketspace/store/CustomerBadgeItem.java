package dev.ticketspace.store;

/** A row of {@code badge_items} with the customer it belongs to, for statements over several customers. */
public record CustomerBadgeItem(String customerId, String subject, String space, String itemId) {
    public static CustomerBadgeItem of(String customerId, BadgeItem item) {
        return new CustomerBadgeItem(customerId, item.subject(), item.space(), item.itemId());
    }

    public BadgeItem item() {
        return new BadgeItem(subject, space, itemId);
    }

    /** The item in its customer's space, whichever subject lit it: one item counts once in its space's badge. */
    public CustomerBadgeItem anySubject() {
        return new CustomerBadgeItem(customerId, "", space, itemId);
    }
}
