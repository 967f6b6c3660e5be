package dev.ticketspace.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

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
        Instant cardActivityAt,
        DecisionTrail trail) {

    /** A new ticket: nothing decided about it yet. */
    public static TicketRow created(String id, String customerId, String title, String category, String label,
                                    boolean shared, String conversationId, Instant at) {
        return new TicketRow(id, customerId, title, category, label, shared, conversationId, at, at, at,
                null, null, null, null, DecisionTrail.EMPTY);
    }

    // Events and the rules' decisions are recorded with these.

    public TicketRow withState(String newCategory, String newLabel, Instant at) {
        return new TicketRow(id, customerId, title, newCategory, newLabel, shared, conversationId, createdAt, at,
                sharingChangedAt, lastActivityAt, notifiedAt, readAt, cardActivityAt, trail);
    }

    public TicketRow withConversation(String newConversationId) {
        return new TicketRow(id, customerId, title, category, label, shared, newConversationId, createdAt,
                stateChangedAt, sharingChangedAt, lastActivityAt, notifiedAt, readAt, cardActivityAt, trail);
    }

    public TicketRow withSharing(boolean newShared, Instant at) {
        return new TicketRow(id, customerId, title, category, label, newShared, conversationId, createdAt,
                stateChangedAt, at, lastActivityAt, notifiedAt, readAt, cardActivityAt, trail);
    }

    /**
     * The ticket with the time moved on to the decision's, if that is later, and the decision recorded as
     * the one standing behind it; else the ticket as it is.
     */
    public TicketRow withLater(TicketTime time, DecisionTrail.Entry decision) {
        Instant current = time(time);
        Instant at = decision.at();
        if (current != null && !at.isAfter(current)) {
            return this;
        }
        return new TicketRow(id, customerId, title, category, label, shared, conversationId, createdAt,
                stateChangedAt, sharingChangedAt, time == TicketTime.ACTIVITY ? at : lastActivityAt,
                time == TicketTime.NOTIFICATION ? at : notifiedAt, time == TicketTime.READ ? at : readAt,
                time == TicketTime.CARD_ACTIVITY ? at : cardActivityAt, trail.with(decision));
    }

    public Instant time(TicketTime time) {
        return switch (time) {
            case ACTIVITY -> lastActivityAt;
            case NOTIFICATION -> notifiedAt;
            case READ -> readAt;
            case CARD_ACTIVITY -> cardActivityAt;
        };
    }

    /** Whether the two hold the same decisions made when things happened. */
    public boolean sameDecisions(TicketRow other) {
        return Arrays.stream(TicketTime.values()).allMatch(time -> Objects.equals(time(time), other.time(time)))
                && trail.equals(other.trail);
    }

    /** The trail as stored, for binding. */
    public String trailJson() {
        return trail.toJson();
    }
}
