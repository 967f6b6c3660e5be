package dev.ticketspace.events.handlers;

import dev.ticketspace.events.Event;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;

/**
 * What one type of event records. The applier finds the event's customer, ticket and conversation,
 * checks them, asks the rules what the event means and stores their decisions; the handler says only
 * what is particular to its type. Adding an event type is its record, its happening, a handler and its
 * registration in {@link EventHandlers}.
 */
public interface EventHandler<E extends Event> {
    /** What an event creates: it must not exist before the event. */
    enum Creates { NOTHING, TICKET, CONVERSATION }

    Class<E> type();

    default Creates creates() {
        return Creates.NOTHING;
    }

    /** Whether the event is older than the state it would overwrite: it is then recorded and changes nothing. */
    default boolean isStale(E event, TicketRow ticket, ConversationRow conversation) {
        return false;
    }

    /** Records what the event says happened in the rows it touches. */
    void record(E event, Subjects subjects);
}
