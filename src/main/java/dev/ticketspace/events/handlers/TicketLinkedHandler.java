package dev.ticketspace.events.handlers;

import dev.ticketspace.events.TicketLinked;

/** {@code ticket.linked}: the ticket's conversation. */
final class TicketLinkedHandler implements EventHandler<TicketLinked> {
    @Override
    public Class<TicketLinked> type() {
        return TicketLinked.class;
    }

    @Override
    public void record(TicketLinked event, Subjects subjects) {
        subjects.changeTicket(event.ticketId(), ticket -> ticket.withConversation(event.conversationId()));
    }
}
