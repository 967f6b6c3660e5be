package dev.ticketspace.store;

/** A time kept with a ticket that rules move on when something happens; the later time always wins. */
public enum TicketTime {
    ACTIVITY, NOTIFICATION, READ, CARD_ACTIVITY
}
