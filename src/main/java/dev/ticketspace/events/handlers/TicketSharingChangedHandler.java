package dev.ticketspace.events.handlers;

import dev.ticketspace.events.TicketSharingChanged;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;

/** {@code ticket.sharing_changed}: whether the customer sees the ticket, unless a later change is stored. */
final class TicketSharingChangedHandler implements EventHandler<TicketSharingChanged> {
    @Override
    public Class<TicketSharingChanged> type() {
        return TicketSharingChanged.class;
    }

    @Override
    public boolean isStale(TicketSharingChanged event, TicketRow ticket, ConversationRow conversation) {
        return event.occurredAt().isBefore(ticket.sharingChangedAt());
    }

    @Override
    public void record(TicketSharingChanged event, Subjects subjects) {
        subjects.changeTicket(event.ticketId(), ticket -> ticket.withSharing(event.sharedWithCustomer(),
                event.occurredAt()));
    }
}
