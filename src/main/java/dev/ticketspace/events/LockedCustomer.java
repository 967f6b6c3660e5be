package dev.ticketspace.events;

import dev.ticketspace.store.ConversationDao;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.store.TicketRow;
import dev.ticketspace.subjects.Cluster;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer whose row the request's transaction has locked, with those of the customer's tickets and
 * conversations the request's events touch, as the transaction has left them so far. Every writer takes
 * a customer's lock before touching the customer's rows, so while the transaction holds it these are the
 * rows as they are, and a row found missing stays missing until an event of this transaction makes it.
 * Rows are read when first needed, locked, never all of the customer's: an event costs the same whatever
 * the customer's history. The rows events changed are written once, before the commit.
 */
final class LockedCustomer {
    private final String id;
    private final String workspaceId;
    private final TicketDao ticketDao;
    private final ConversationDao conversationDao;
    private final Map<String, TicketRow> tickets = new LinkedHashMap<>();
    private final Map<String, ConversationRow> conversations = new LinkedHashMap<>();
    private final Set<String> missingTickets = new HashSet<>();
    private final Set<String> missingConversations = new HashSet<>();
    /** Conversations whose linked tickets are all read. */
    private final Set<String> linksRead = new HashSet<>();
    private final Set<String> changedTickets = new LinkedHashSet<>();
    private final Set<String> changedConversations = new LinkedHashSet<>();
    private final Set<String> createdTickets = new LinkedHashSet<>();
    private final Set<String> createdConversations = new LinkedHashSet<>();
    /** The subjects whose rows applied events changed, by their keys before and after. */
    private final Set<String> touchedSubjects = new LinkedHashSet<>();
    private final boolean isNew;
    private long version;
    private boolean changed;

    LockedCustomer(String id, long version, String workspaceId, TicketDao ticketDao, ConversationDao conversationDao) {
        this.id = id;
        this.version = version;
        this.isNew = version == 0;
        this.workspaceId = workspaceId;
        this.ticketDao = ticketDao;
        this.conversationDao = conversationDao;
    }

    /**
     * Reads, in three statements, the rows a request's events name (those of this customer): the tickets,
     * the conversations named or linked to them, and the tickets linked to those conversations.
     */
    void read(Collection<String> ticketIds, Collection<String> conversationIds) {
        readTickets(ticketIds);
        Set<String> conversationsNeeded = new LinkedHashSet<>(conversationIds);
        tickets.values().stream().map(TicketRow::conversationId).filter(c -> c != null).forEach(conversationsNeeded::add);
        readConversations(conversationsNeeded);
        readLinks(conversationsNeeded);
    }

    String id() {
        return id;
    }

    /** The ticket, if it is this customer's. */
    Optional<TicketRow> ticket(String ticketId) {
        readTickets(List.of(ticketId));
        return Optional.ofNullable(tickets.get(ticketId));
    }

    /** The conversation, if it is this customer's. */
    Optional<ConversationRow> conversation(String conversationId) {
        readConversations(List.of(conversationId));
        return Optional.ofNullable(conversations.get(conversationId));
    }

    /** Whether the transaction has read the ticket as this customer's, without reading anything. */
    boolean holdsTicket(String ticketId) {
        return tickets.containsKey(ticketId);
    }

    /** Whether the transaction has read the conversation as this customer's, without reading anything. */
    boolean holdsConversation(String conversationId) {
        return conversations.containsKey(conversationId);
    }

    /** The customer's tickets linked to the conversation. */
    List<TicketRow> linkedTo(String conversationId) {
        readLinks(List.of(conversationId));
        return tickets.values().stream().filter(ticket -> conversationId.equals(ticket.conversationId())).toList();
    }

    /**
     * Takes in what an applied event left: its tickets and conversation (null if it has none) as they are
     * now, new ones inserted already. The customer's state moves on one version.
     */
    void applied(Collection<TicketRow> nowTickets, ConversationRow nowConversation) {
        for (TicketRow ticket : nowTickets) {
            TicketRow before = tickets.put(ticket.id(), ticket);
            missingTickets.remove(ticket.id());
            if (before != null) {
                touchedSubjects.add(Cluster.keyOf(before));
            } else {
                createdTickets.add(ticket.id());
            }
            touchedSubjects.add(Cluster.keyOf(ticket));
            if (before != null && !before.equals(ticket)) {
                changedTickets.add(ticket.id());
            }
        }
        if (nowConversation != null) {
            ConversationRow before = conversations.put(nowConversation.id(), nowConversation);
            touchedSubjects.add(Cluster.conversationKey(nowConversation.id()));
            missingConversations.remove(nowConversation.id());
            if (before == null) {
                createdConversations.add(nowConversation.id());
            }
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

    /** The tickets applied events created, as they are now. */
    List<TicketRow> createdTickets() {
        return createdTickets.stream().map(tickets::get).toList();
    }

    /** The conversations applied events created, as they are now. */
    List<ConversationRow> createdConversations() {
        return createdConversations.stream().map(conversations::get).toList();
    }

    /** The conversations that existed before their event and that applied events changed, as they are now. */
    List<ConversationRow> changedConversations() {
        return changedConversations.stream().map(conversations::get).toList();
    }

    /** The subjects applied events changed, each with its rows as they are now. */
    List<Cluster> touchedSubjects() {
        return touchedSubjects.stream().map(key -> {
            String conversationId = Cluster.conversationOf(key);
            if (conversationId != null) {
                return new Cluster(key, conversation(conversationId).orElse(null), linkedTo(conversationId));
            }
            List<TicketRow> lone = ticket(Cluster.ticketOf(key)).filter(t -> t.conversationId() == null)
                    .map(List::of).orElse(List.of());
            return new Cluster(key, null, lone);
        }).toList();
    }

    /** Whether the customer had no state before the transaction locked it: nothing was decided about it. */
    boolean isNew() {
        return isNew;
    }

    long version() {
        return version;
    }

    /** Whether an applied event changed the customer's state in this transaction. */
    boolean changed() {
        return changed;
    }

    private void readTickets(Collection<String> ticketIds) {
        List<String> unread = ticketIds.stream()
                .filter(t -> !tickets.containsKey(t) && !missingTickets.contains(t)).distinct().toList();
        if (!unread.isEmpty()) {
            ticketDao.ofCustomerForUpdate(workspaceId, id, unread).forEach(t -> tickets.put(t.id(), t));
            unread.stream().filter(t -> !tickets.containsKey(t)).forEach(missingTickets::add);
        }
    }

    private void readConversations(Collection<String> conversationIds) {
        List<String> unread = conversationIds.stream()
                .filter(c -> !conversations.containsKey(c) && !missingConversations.contains(c)).distinct().toList();
        if (!unread.isEmpty()) {
            conversationDao.ofCustomerForUpdate(workspaceId, id, unread).forEach(c -> conversations.put(c.id(), c));
            unread.stream().filter(c -> !conversations.containsKey(c)).forEach(missingConversations::add);
        }
    }

    /** Reads the tickets linked to the conversations; those read already are kept as the transaction left them. */
    private void readLinks(Collection<String> conversationIds) {
        List<String> unread = conversationIds.stream().filter(c -> !linksRead.contains(c)).distinct().toList();
        if (!unread.isEmpty()) {
            ticketDao.linkedForUpdate(workspaceId, id, unread).forEach(t -> {
                tickets.putIfAbsent(t.id(), t);
                missingTickets.remove(t.id());
            });
            linksRead.addAll(unread);
        }
    }
}
