package dev.ticketspace.events.handlers;

import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The rows one event touches, as it changes them: its customer's tickets concerned (its own ticket and
 * those linked to its conversation) and its conversation, if it has one.
 */
public final class Subjects {
    private final String customerId;
    private final Map<String, TicketRow> tickets = new LinkedHashMap<>();
    private ConversationRow conversation;

    public Subjects(String customerId, Collection<TicketRow> tickets, ConversationRow conversation) {
        this.customerId = customerId;
        tickets.forEach(this::putTicket);
        this.conversation = conversation;
    }

    public String customerId() {
        return customerId;
    }

    public void putTicket(TicketRow ticket) {
        tickets.put(ticket.id(), ticket);
    }

    /** Changes the ticket if the event touches it. */
    public void changeTicket(String ticketId, UnaryOperator<TicketRow> change) {
        tickets.computeIfPresent(ticketId, (id, ticket) -> change.apply(ticket));
    }

    public Collection<TicketRow> tickets() {
        return tickets.values();
    }

    public Map<String, TicketRow> ticketsById() {
        return Map.copyOf(tickets);
    }

    /** The event's conversation as it is now, or null. */
    public ConversationRow conversation() {
        return conversation;
    }

    public void changeConversation(UnaryOperator<ConversationRow> change) {
        conversation = change.apply(conversation);
    }
}
