package dev.ticketspace.store;

import java.time.Instant;

/**
 * A row of {@code tickets}: a ticket as stored, and the working copy an event changes. The rules see it as
 * a {@link dev.ticketspace.rules.facts.Ticket}.
 *
 * @param category         {@code submitted}, {@code in_progress}, {@code waiting_on_customer} or {@code resolved}
 * @param label            the customer-facing name of the state
 * @param shared           whether the customer can see the ticket
 * @param conversationId   the linked conversation, or null
 * @param lastActivityAt   latest {@link dev.ticketspace.rules.decisions.TicketActivity}, or null
 * @param notifiedAt       latest {@link dev.ticketspace.rules.decisions.TicketNotification}, or null
 * @param readAt           the customer has read the ticket up to this time ({@link dev.ticketspace.rules.decisions.TicketMarkedRead}), or null
 * @param cardActivityAt   latest {@link dev.ticketspace.rules.decisions.CardActivity}, or null
 */
public record TicketRow(
        String id,
        String customerId,
        String title,
        String category,
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

    // Events and the rules' decisions are recorded with these.

    public TicketRow withState(String newCategory, String newLabel, Instant at) {
        return new TicketRow(id, customerId, title, newCategory, newLabel, shared, conversationId, createdAt, at,
                sharingChangedAt, lastActivityAt, notifiedAt, readAt, cardActivityAt);
    }

    public TicketRow withConversation(String newConversationId) {
        return new TicketRow(id, customerId, title, category, label, shared, newConversationId, createdAt,
                stateChangedAt, sharingChangedAt, lastActivityAt, notifiedAt, readAt, cardActivityAt);
    }

    public TicketRow withSharing(boolean newShared, Instant at) {
        return new TicketRow(id, customerId, title, category, label, newShared, conversationId, createdAt,
                stateChangedAt, at, lastActivityAt, notifiedAt, readAt, cardActivityAt);
    }

    /** The ticket with each time moved forward to the given one where that is later; nulls change nothing. */
    public TicketRow withLaterTimes(Instant activity, Instant notified, Instant read, Instant cardActivity) {
        return new TicketRow(id, customerId, title, category, label, shared, conversationId, createdAt,
                stateChangedAt, sharingChangedAt, Times.later(lastActivityAt, activity),
                Times.later(notifiedAt, notified), Times.later(readAt, read), Times.later(cardActivityAt, cardActivity));
    }
}
