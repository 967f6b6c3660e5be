package dev.ticketspace.events.handlers;

import dev.ticketspace.events.TicketRead;

/** {@code ticket.read}: nothing of its own to record; the rules decide what the customer has read. */
final class TicketReadHandler implements EventHandler<TicketRead> {
    @Override
    public Class<TicketRead> type() {
        return TicketRead.class;
    }

    @Override
    public void record(TicketRead event, Subjects subjects) {
        // The read mark is the rules' decision (TicketMarkedRead), stored like every decision.
    }
}
