package dev.ticketspace.events.handlers;

import dev.ticketspace.events.TicketStateChanged;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;

/** {@code ticket.state_changed}: the ticket's new state, unless a later one is stored. */
final class TicketStateChangedHandler implements EventHandler<TicketStateChanged> {
    @Override
    public Class<TicketStateChanged> type() {
        return TicketStateChanged.class;
    }

    @Override
    public boolean isStale(TicketStateChanged event, TicketRow ticket, ConversationRow conversation) {
        return event.occurredAt().isBefore(ticket.stateChangedAt());
    }

    @Override
    public void record(TicketStateChanged event, Subjects subjects) {
        subjects.changeTicket(event.ticketId(), ticket -> ticket.withState(event.state().category(),
                event.state().label(), event.occurredAt()));
    }
}
