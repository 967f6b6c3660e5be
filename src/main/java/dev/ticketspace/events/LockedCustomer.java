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
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A customer whose row the request's transaction has locked, with those of the customer's tickets and
 * conversations the request's events touch, as the transaction has left them so far. Every writer takes
 * a customer's lock before touching the customer's rows, so while the transaction holds it these are the
 * rows as they are, and a row found missing stays missing until an event of this transaction makes it.
 * Rows are read when first needed, locked, never all of the customer's: an event costs the same whatever
 * the customer's history. The rows events changed are written once, before the commit.
 *
 * <p>A customer may also have no row yet: then it has no tickets or conversations either, nothing is
 * read, and its row is made at the end of the request if an event applied (see
 * {@link #needsRow}); a concurrent request that made one first is told by the database then.
 */
final class LockedCustomer {
    private final String id;
    private final String workspaceId;
    private final TicketDao ticketDao;
    private final ConversationDao conversationDao;
    private final Map<String, TicketRow> tickets = new LinkedHashMap<>();
    private final Map<String, ConversationRow> conversations = new LinkedHashMap<>();
    /** Ids looked up, found or not: one not in the map is missing. */
    private final Set<String> ticketsRead = new HashSet<>();
    private final Set<String> conversationsRead = new HashSet<>();
    /** Conversations whose linked tickets are all read. */
    private final Set<String> linksRead = new HashSet<>();
    private final Set<String> changedTickets = new LinkedHashSet<>();
    private final Set<String> changedConversations = new LinkedHashSet<>();
    private final Set<String> createdTickets = new LinkedHashSet<>();
    private final Set<String> createdConversations = new LinkedHashSet<>();
    /** The subjects whose rows applied events changed, by their keys before and after. */
    private final Set<String> touchedSubjects = new LinkedHashSet<>();
    private final boolean isNew;
    private final boolean hasRow;
    private long version;
    private boolean changed;

    /** A customer whose row is locked, at its version. */
    LockedCustomer(String id, long version, String workspaceId, TicketDao ticketDao, ConversationDao conversationDao) {
        this(id, version, true, workspaceId, ticketDao, conversationDao);
    }

    private LockedCustomer(String id, long version, boolean hasRow, String workspaceId, TicketDao ticketDao,
                           ConversationDao conversationDao) {
        this.id = id;
        this.version = version;
        this.isNew = version == 0;
        this.hasRow = hasRow;
        this.workspaceId = workspaceId;
        this.ticketDao = ticketDao;
        this.conversationDao = conversationDao;
    }

    /** A customer that has no row yet, as the transaction found it. */
    static LockedCustomer withoutRow(String id, String workspaceId, TicketDao ticketDao,
                                     ConversationDao conversationDao) {
        return new LockedCustomer(id, 0, false, workspaceId, ticketDao, conversationDao);
    }

    /**
     * Reads, in three statements for all of these customers (of one transaction), the rows of theirs that
     * a request's events name: the tickets, the conversations named or linked to them, and the tickets
     * linked to those conversations.
     */
    static void read(List<LockedCustomer> customers, Collection<String> ticketIds, Collection<String> conversationIds) {
        readTickets(customers, ticketIds);
        Set<String> conversationsNeeded = new LinkedHashSet<>(conversationIds);
        customers.forEach(customer -> customer.tickets.values().stream().map(TicketRow::conversationId)
                .filter(Objects::nonNull).forEach(conversationsNeeded::add));
        readConversations(customers, conversationsNeeded);
        readLinks(customers, conversationsNeeded);
    }

    String id() {
        return id;
    }

    /** The ticket, if it is this customer's. */
    Optional<TicketRow> ticket(String ticketId) {
        readTickets(List.of(this), List.of(ticketId));
        return Optional.ofNullable(tickets.get(ticketId));
    }

    /** The conversation, if it is this customer's. */
    Optional<ConversationRow> conversation(String conversationId) {
        readConversations(List.of(this), List.of(conversationId));
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
        readLinks(List.of(this), List.of(conversationId));
        return tickets.values().stream().filter(ticket -> conversationId.equals(ticket.conversationId())).toList();
    }

    /**
     * Takes in what an applied event left: its tickets and conversation (null if it has none) as they are
     * now, new ones inserted already. The customer's state moves on one version.
     */
    void applied(Collection<TicketRow> nowTickets, ConversationRow nowConversation) {
        for (TicketRow ticket : nowTickets) {
            TicketRow before = tickets.put(ticket.id(), ticket);
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

    /** Whether the customer's row is to be made with the request's other new rows: an event applied, and it has none. */
    boolean needsRow() {
        return changed && !hasRow;
    }

    private static void readTickets(List<LockedCustomer> customers, Collection<String> ticketIds) {
        LockedCustomer any = customers.get(0);
        read(customers, ticketIds, (customer, id) -> !customer.tickets.containsKey(id)
                        && !customer.ticketsRead.contains(id), customer -> customer.ticketsRead,
                (ids, unread) -> any.ticketDao.ofCustomersForUpdate(any.workspaceId, ids, unread),
                TicketRow::customerId, (customer, ticket) -> customer.tickets.putIfAbsent(ticket.id(), ticket));
    }

    private static void readConversations(List<LockedCustomer> customers, Collection<String> conversationIds) {
        LockedCustomer any = customers.get(0);
        read(customers, conversationIds, (customer, id) -> !customer.conversations.containsKey(id)
                        && !customer.conversationsRead.contains(id), customer -> customer.conversationsRead,
                (ids, unread) -> any.conversationDao.ofCustomersForUpdate(any.workspaceId, ids, unread),
                ConversationRow::customerId,
                (customer, conversation) -> customer.conversations.putIfAbsent(conversation.id(), conversation));
    }

    /** Reads the tickets linked to the conversations; those read already are kept as the transaction left them. */
    private static void readLinks(List<LockedCustomer> customers, Collection<String> conversationIds) {
        LockedCustomer any = customers.get(0);
        read(customers, conversationIds, (customer, id) -> !customer.linksRead.contains(id),
                customer -> customer.linksRead,
                (ids, unread) -> any.ticketDao.linkedForUpdate(any.workspaceId, ids, unread),
                TicketRow::customerId, (customer, ticket) -> customer.tickets.putIfAbsent(ticket.id(), ticket));
    }

    /**
     * Reads in one statement, for each customer, the ids it has not read yet, and notes them read. A row
     * the transaction holds already is kept as the transaction left it: another customer's unread ids may
     * bring it back as committed. A customer without a row has nothing to read.
     */
    private static <R> void read(List<LockedCustomer> customers, Collection<String> ids,
                                 BiPredicate<LockedCustomer, String> unread, Function<LockedCustomer, Set<String>> read,
                                 BiFunction<Collection<String>, Collection<String>, List<R>> query,
                                 Function<R, String> customerOf, BiConsumer<LockedCustomer, R> take) {
        Map<String, LockedCustomer> reading = new LinkedHashMap<>();
        Set<String> unreadIds = new LinkedHashSet<>();
        for (LockedCustomer customer : customers) {
            List<String> own = ids.stream().filter(id -> unread.test(customer, id)).distinct().toList();
            read.apply(customer).addAll(own);
            if (customer.hasRow && !own.isEmpty()) {
                reading.put(customer.id, customer);
                unreadIds.addAll(own);
            }
        }
        if (!reading.isEmpty()) {
            query.apply(reading.keySet(), unreadIds).forEach(row -> take.accept(reading.get(customerOf.apply(row)), row));
        }
    }
}
