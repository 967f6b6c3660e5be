package dev.ticketspace.messenger;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.events.ConversationRead;
import dev.ticketspace.events.Event;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.events.EventResult;
import dev.ticketspace.events.TicketRead;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.decisions.Space;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.ConversationDao;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.CustomerRow;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateVersions;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.store.TicketRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Reads one customer's messenger state: loads the stored facts, runs the rules, shapes the result. */
public final class MessengerService {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** A customer the store has no row of: nothing happened to them yet. */
    private static final CustomerRow NO_ROW = new CustomerRow(0, null);

    private final Jdbi jdbi;
    private final RuleBase rules;
    private final SettingsService settings;
    private final EventApplier applier;
    private final ViewCache cache;
    private final StateVersions versions;
    private final Clock clock;

    /** @param cacheTtl how long a customer's computed view may be reused at most (zero: never) */
    public MessengerService(Jdbi jdbi, StateVersions versions, RuleBase rules, SettingsService settings,
                            EventApplier applier, Duration cacheTtl, Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.settings = settings;
        this.applier = applier;
        this.cache = new ViewCache(cacheTtl, 100_000);
        this.versions = versions;
        this.clock = clock;
    }

    /** Forgets cached views the change makes stale; wire it to every committed or tailed change. */
    public void changed(StateChange change) {
        cache.invalidate(change);
    }

    public MessengerState state(String workspaceId, String customerId, boolean explain) {
        return view(workspaceId, customerId, explain).state(explain);
    }

    /**
     * What the rules decided in conflict for the customer now, for {@code rules test}: subjects given
     * several decisions of one kind and the same priority, each with the rules that made them.
     */
    public List<String> conflicts(String workspaceId, String customerId) {
        return load(workspaceId, customerId, true).conflicts();
    }

    /** The customer read the conversation at {@code at}; answers the new state, or 404 if it is not theirs. */
    public MessengerState readConversation(String workspaceId, String customerId, String conversationId, Instant at) {
        return read(workspaceId, customerId, new ConversationRead(readEventId(), at, conversationId));
    }

    /** The customer read the ticket at {@code at}; answers the new state, or 404 if it is not theirs to see. */
    public MessengerState readTicket(String workspaceId, String customerId, String ticketId, Instant at) {
        return read(workspaceId, customerId, new TicketRead(readEventId(), at, ticketId));
    }

    private MessengerState read(String workspaceId, String customerId, Event event) {
        EventResult result = applier.applyAsCustomer(workspaceId, customerId, event);
        if (result.code() != null) {
            throw ApiException.notFound(result.code(), result.message());
        }
        return state(workspaceId, customerId, false);
    }

    private static String readEventId() {
        return "read:" + UUID.randomUUID();
    }

    /** The ticket linked to the customer's conversation, as the Messages space shows it with the conversation. */
    public java.util.Optional<TicketSummary> linkedTicket(String workspaceId, String customerId, String conversationId) {
        return view(workspaceId, customerId, false).conversations().stream().map(CustomerView.Entry::value)
                .filter(conversation -> conversation.id().equals(conversationId) && conversation.ticket() != null)
                .map(ConversationSummary::ticket).findFirst();
    }

    /** The Tickets space list; 404 {@code tickets_space_hidden} while the customer cannot see the space. */
    public TicketPage tickets(String workspaceId, String customerId, int limit, String cursor) {
        CustomerView view = view(workspaceId, customerId, false);
        if (!view.isVisible(Space.TICKETS)) {
            throw ApiException.notFound("tickets_space_hidden", "the Tickets space is not visible to this customer");
        }
        Page<TicketSummary> page = page(view.listedTickets(), limit, cursor);
        return new TicketPage(page.items(), page.nextCursor());
    }

    public ConversationPage conversations(String workspaceId, String customerId, int limit, String cursor) {
        Page<ConversationSummary> page = page(view(workspaceId, customerId, false).conversations(), limit, cursor);
        return new ConversationPage(page.items(), page.nextCursor());
    }

    private CustomerView view(String workspaceId, String customerId, boolean explain) {
        return explain ? load(workspaceId, customerId, true)
                : cache.get(workspaceId, customerId, () -> versions.current(workspaceId, customerId),
                        clock.instant(), () -> load(workspaceId, customerId, false));
    }

    /** What the customer sees and the Tickets space's list (every page), for the impact preview of a rule set. */
    public record Seen(MessengerState state, List<TicketSummary> list) {
    }

    /**
     * What the customer would see under other rules, with their stored tickets replaced by {@code tickets}
     * (null: as stored). Reads only, caches nothing.
     */
    public Seen preview(RuleBase other, String workspaceId, String customerId, List<TicketRow> tickets) {
        Snapshot stored = snapshot(workspaceId, customerId);
        Snapshot snapshot = tickets == null ? stored : new Snapshot(stored.settings(), stored.settingsVersion(),
                stored.customer(), tickets, stored.conversations());
        CustomerView view = decide(other, workspaceId, customerId, snapshot, false);
        return new Seen(view.state(false), view.listedTickets().stream().map(CustomerView.Entry::value).toList());
    }

    /**
     * The states of several customers of one workspace, read in one snapshot of the store (four queries
     * in all rather than four a customer), each through the view cache as a read is: for refreshing the
     * live streams of many customers at once.
     */
    public Map<String, MessengerState> states(String workspaceId, Collection<String> customerIds) {
        Map<String, MessengerState> states = new HashMap<>();
        snapshots(workspaceId, customerIds).forEach((customerId, snapshot) -> states.put(customerId,
                cache.get(workspaceId, customerId, () -> versions.current(workspaceId, customerId), clock.instant(),
                        () -> decided(workspaceId, customerId, snapshot, false)).state(false)));
        return states;
    }

    private CustomerView load(String workspaceId, String customerId, boolean explain) {
        return decided(workspaceId, customerId, snapshot(workspaceId, customerId), explain);
    }

    private CustomerView decided(String workspaceId, String customerId, Snapshot snapshot, boolean explain) {
        CustomerView view = decide(rules, workspaceId, customerId, snapshot, explain);
        if (snapshot.customer() != NO_ROW && !Objects.equals(view.nextChange(), snapshot.customer().recheckAt())) {
            // Read, then written without the customer's lock: the write applies only while the version is the
            // one decided at, so a state decided since keeps the moment it noted.
            jdbi.useExtension(CustomerDao.class, customers -> customers.setRecheck(workspaceId, customerId,
                    snapshot.customer().version(), view.nextChange()));
        }
        return view;
    }

    /** One snapshot: the version always belongs to the facts it is served with. */
    private Snapshot snapshot(String workspaceId, String customerId) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            SettingsService.Current current = settings.current(handle, workspaceId);
            return new Snapshot(current.fact(), current.version(),
                    handle.attach(CustomerDao.class).find(workspaceId, customerId).orElse(NO_ROW),
                    handle.attach(TicketDao.class).ofCustomer(workspaceId, customerId),
                    handle.attach(ConversationDao.class).ofCustomer(workspaceId, customerId));
        });
    }

    private Map<String, Snapshot> snapshots(String workspaceId, Collection<String> customerIds) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            SettingsService.Current current = settings.current(handle, workspaceId);
            Map<String, CustomerRow> customers = handle.attach(CustomerDao.class).findAll(workspaceId, customerIds);
            Map<String, List<TicketRow>> tickets = handle.attach(TicketDao.class).ofCustomers(workspaceId, customerIds)
                    .stream().collect(Collectors.groupingBy(TicketRow::customerId));
            Map<String, List<ConversationRow>> conversations = handle.attach(ConversationDao.class)
                    .ofCustomers(workspaceId, customerIds).stream()
                    .collect(Collectors.groupingBy(ConversationRow::customerId));
            Map<String, Snapshot> snapshots = new HashMap<>();
            customerIds.forEach(customerId -> snapshots.put(customerId, new Snapshot(current.fact(), current.version(),
                    customers.getOrDefault(customerId, NO_ROW), tickets.getOrDefault(customerId, List.of()),
                    conversations.getOrDefault(customerId, List.of()))));
            return snapshots;
        });
    }

    private CustomerView decide(RuleBase ruleBase, String workspaceId, String customerId, Snapshot snapshot,
                                boolean explain) {
        List<Object> facts = new ArrayList<>(snapshot.tickets().size() + snapshot.conversations().size() + 2);
        facts.add(snapshot.settings());
        facts.add(new Customer(workspaceId, customerId));
        snapshot.tickets().forEach(ticket -> facts.add(Ticket.of(ticket)));
        snapshot.conversations().forEach(conversation -> facts.add(Conversation.of(conversation)));
        return new CustomerView(workspaceId, customerId,
                snapshot.customer().version() + snapshot.settingsVersion(), snapshot.tickets(),
                snapshot.conversations(), ruleBase.decide(facts, clock.instant(), explain));
    }

    private static <T> Page<T> page(List<CustomerView.Entry<T>> entries, int limit, String cursor) {
        SortKey after = cursor == null ? null : SortKey.decode(cursor);
        List<CustomerView.Entry<T>> rest = after == null ? entries
                : entries.stream().filter(entry -> entry.key().compareTo(after) > 0).toList();
        List<CustomerView.Entry<T>> items = rest.subList(0, Math.min(limit, rest.size()));
        String next = rest.size() > limit ? items.get(items.size() - 1).key().encode() : null;
        return new Page<>(items.stream().map(CustomerView.Entry::value).toList(), next);
    }

    private record Snapshot(Settings settings, long settingsVersion, CustomerRow customer, List<TicketRow> tickets,
                            List<ConversationRow> conversations) {
    }

    private record Page<T>(List<T> items, String nextCursor) {
    }
}
