package dev.ticketspace.events;

import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer whose row the request's transaction has locked, with the customer's tickets and
 * conversations as the transaction has left them so far. Every writer takes a customer's lock before
 * touching the customer's rows, so while the transaction holds it these are the rows as they are: the
 * request's events read them from here, and the rows they changed are written once, before the commit.
 */
final class LockedCustomer {
    private final String id;
    private final Map<String, TicketRow> tickets = new LinkedHashMap<>();
    private final Map<String, ConversationRow> conversations = new LinkedHashMap<>();
    private final Set<String> changedTickets = new LinkedHashSet<>();
    private final Set<String> changedConversations = new LinkedHashSet<>();
    private long version;
    private boolean changed;

    LockedCustomer(String id, long version, List<TicketRow> tickets, List<ConversationRow> conversations) {
        this.id = id;
        this.version = version;
        tickets.forEach(ticket -> this.tickets.put(ticket.id(), ticket));
        conversations.forEach(conversation -> this.conversations.put(conversation.id(), conversation));
    }

    String id() {
        return id;
    }

    Optional<TicketRow> ticket(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    Optional<ConversationRow> conversation(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    /** The customer's tickets linked to the conversation. */
    List<TicketRow> linkedTo(String conversationId) {
        return tickets.values().stream().filter(ticket -> conversationId.equals(ticket.conversationId())).toList();
    }

    /**
     * Takes in what an applied event left: its tickets and conversation (null if it has none) as they are
     * now, new ones inserted already. The customer's state moves on one version.
     */
    void applied(Collection<TicketRow> nowTickets, ConversationRow nowConversation) {
        for (TicketRow ticket : nowTickets) {
            TicketRow before = tickets.put(ticket.id(), ticket);
            if (before != null && !before.equals(ticket)) {
                changedTickets.add(ticket.id());
            }
        }
        if (nowConversation != null) {
            ConversationRow before = conversations.put(nowConversation.id(), nowConversation);
            if (before != null && !before.equals(nowConversation)) {
                changedConversations.add(nowConversation.id());
            }
        }
        version++;
        changed = true;
    }

    /** The tickets that existed before their event and that applied events changed, as they are now. */
    List<TicketRow> changedTickets() {
        return changedTickets.stream().map(tickets::get).toList();
    }

    /** The conversations that existed before their event and that applied events changed, as they are now. */
    List<ConversationRow> changedConversations() {
        return changedConversations.stream().map(conversations::get).toList();
    }

    long version() {
        return version;
    }

    /** Whether an applied event changed the customer's state in this transaction. */
    boolean changed() {
        return changed;
    }
}
