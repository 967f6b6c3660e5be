package dev.ticketspace.rules.facts;

import dev.ticketspace.store.TicketRow;
import java.time.Instant;

/**
 * A ticket as the rules see it: as stored, before the event being applied changes it.
 *
 * @param category         the state's category
 * @param label            the customer-facing name of the state
 * @param shared           whether the customer can see the ticket
 * @param conversationId   the linked conversation, or null
 * @param stateChangedAt   when the ticket took its current state (its creation, if it never changed)
 * @param lastActivityAt   latest {@link dev.ticketspace.rules.decisions.TicketActivity}, or null
 * @param notifiedAt       latest {@link dev.ticketspace.rules.decisions.TicketNotification}, or null
 * @param readAt           the customer has read the ticket up to this time ({@link dev.ticketspace.rules.decisions.TicketMarkedRead}), or null
 * @param cardActivityAt   latest {@link dev.ticketspace.rules.decisions.CardActivity}, or null
 */
public record Ticket(
        String id,
        String customerId,
        String title,
        Category category,
        String label,
        boolean shared,
        String conversationId,
        Instant createdAt,
        Instant stateChangedAt,
        Instant sharingChangedAt,
        Instant lastActivityAt,
        Instant notifiedAt,
        Instant readAt,
        Instant cardActivityAt) {

    public static Ticket of(TicketRow row) {
        return new Ticket(row.id(), row.customerId(), row.title(), Category.of(row.category()), row.label(),
                row.shared(), row.conversationId(), row.createdAt(), row.stateChangedAt(), row.sharingChangedAt(),
                row.lastActivityAt(), row.notifiedAt(), row.readAt(), row.cardActivityAt());
    }

    /** Whether the ticket is active: not resolved. */
    public boolean active() {
        return category != Category.RESOLVED;
    }
}
