package dev.ticketspace.events.handlers;

import dev.ticketspace.events.TicketCreated;
import dev.ticketspace.store.TicketRow;

/** {@code ticket.created}: a new ticket row. */
final class TicketCreatedHandler implements EventHandler<TicketCreated> {
    @Override
    public Class<TicketCreated> type() {
        return TicketCreated.class;
    }

    @Override
    public Creates creates() {
        return Creates.TICKET;
    }

    @Override
    public void record(TicketCreated event, Subjects subjects) {
        subjects.putTicket(TicketRow.created(event.ticketId(), subjects.customerId(), event.title(),
                event.state().category(), event.state().label(), event.sharedWithCustomer(), event.conversationId(),
                event.occurredAt()));
    }
}
