package dev.ticketspace.store;

import java.time.Instant;

/**
 * What the rules decided about a ticket at read time, stored with it.
 *
 * @param countedShared whether the customer's kept count of shared tickets includes the ticket
 * @param listKey       its {@link ListKey} in the Tickets space list, or null when not listed
 * @param cardKey       its {@link ListKey} among the Recent tickets card's candidates, or null
 * @param action        the action its entry offers (wire value), or null
 * @param recheckAt     when a time-based rule next decides otherwise about its subject, or null
 */
public record TicketDecided(String ticketId, boolean countedShared, String listKey, String cardKey, String action,
                            boolean unread, Instant recheckAt) {
    public TicketDecided withRecheckAt(Instant at) {
        return new TicketDecided(ticketId, countedShared, listKey, cardKey, action, unread, at);
    }

    /** A ticket nothing was decided about yet: it counts for nothing. */
    public static TicketDecided none(String ticketId) {
        return new TicketDecided(ticketId, false, null, null, null, false, null);
    }
}
