package dev.ticketspace.events;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ticketspace.events.handlers.EventHandler;
import dev.ticketspace.events.handlers.EventHandlers;
import dev.ticketspace.events.handlers.Subjects;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.decisions.Refusal;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.AppliedEvent;
import dev.ticketspace.store.AppliedEventDao;
import dev.ticketspace.store.BadgeCounts;
import dev.ticketspace.store.ConversationDao;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.CustomerRow;
import dev.ticketspace.store.DecidedDao;
import dev.ticketspace.store.DueSubject;
import dev.ticketspace.store.HistoryDao;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateChangeDao;
import dev.ticketspace.store.StoredCounts;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.store.TicketRow;
import dev.ticketspace.subjects.Cluster;
import dev.ticketspace.subjects.Decided;
import dev.ticketspace.subjects.SubjectDecider;
import dev.ticketspace.subjects.SubjectStore;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Applies events at most once each. A request's events apply in one transaction, in order, each in a
 * savepoint of its own: an event that is refused leaves nothing behind, and one commit makes the whole
 * request durable before it is answered. Every customer's row is locked before its events apply (a
 * request's customers all at once, in key order, when every event is new; else by each event), so
 * concurrent events for one customer apply one after the other and never lose an update; the customer's
 * rows are read once with the lock, and the request's later events for that customer work on them in
 * memory. The event is recorded in the store; then the rules decide what it means for notifications,
 * activity and read state, and those decisions are stored too. The new rows (customers, conversations,
 * tickets), the rows events changed, the customers' new versions and their change-log rows are written
 * once per request, before the commit.
 */
public final class EventApplier {
    private static final String SAVEPOINT = "event";
    private static final String RECORDING = "recording";
    /** Requests the database refused a new row of at their end, applied again event by event. */
    public static final String REPLAYED = "events.replayed";

    private final Jdbi jdbi;
    private final EventRules eventRules;
    private final RuleBase rules;
    private final SubjectDecider subjectDecider;
    private final SettingsService settings;
    private final Clock clock;
    private final ObjectWriter history;
    private final Consumer<StateChange> committed;
    private final Counter replayed;
    private final List<AppliedEventListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param json      the service's object mapper: each applied event is kept in its customer's history as
     *                  the events API takes it
     * @param metrics   counts {@value #REPLAYED}: requests applied again event by event
     * @param committed told of each customer whose state the events changed, once the change is committed
     */
    public EventApplier(Jdbi jdbi, RuleBase rules, SettingsService settings, Clock clock, ObjectMapper json,
                        MetricRegistry metrics, Consumer<StateChange> committed) {
        this.jdbi = jdbi;
        this.eventRules = new EventRules(rules);
        this.rules = rules;
        this.subjectDecider = new SubjectDecider(rules);
        this.settings = settings;
        this.clock = clock;
        this.history = json.writerFor(Event.class);
        this.committed = committed;
        this.replayed = metrics.counter(REPLAYED);
    }

    /** Tells the listener of each event that applies, inside its transaction. */
    public void addListener(AppliedEventListener listener) {
        listeners.add(listener);
    }

    /** Applies the events in order, in one transaction; one result per event. */
    public List<EventResult> applyAll(String workspaceId, List<Event> events) {
        return apply(workspaceId, null, events);
    }

    /**
     * Applies an event on behalf of a customer: it may only touch that customer's own shared tickets and
     * conversations; anything else is answered as unknown, so nothing about other customers leaks. Its id
     * is made by the service, new on every call, so it is not recorded in {@code applied_events}.
     */
    public EventResult applyAsCustomer(String workspaceId, String customerId, Event event) {
        return apply(workspaceId, customerId, List.of(event)).get(0);
    }

    private List<EventResult> apply(String workspaceId, String actingCustomer, List<Event> events) {
        List<Application> applications;
        try {
            applications = apply(workspaceId, actingCustomer, events, false);
        } catch (NewRowRefused refused) {
            // Applied again event by event, each inserting its rows at once: a refusal is then its event's.
            replayed.inc();
            applications = apply(workspaceId, actingCustomer, events, true);
        }
        applications.stream().map(application -> application.changedCustomer).filter(Objects::nonNull).distinct()
                .forEach(customerId -> committed.accept(StateChange.committed(workspaceId, customerId)));
        return applications.stream().map(application -> application.result).toList();
    }

    /**
     * Applies the events in one transaction. New rows are inserted together at the end, unless
     * {@code insertAtOnce}; should the database refuse one there, the transaction is rolled back with
     * {@link NewRowRefused}.
     */
    private List<Application> apply(String workspaceId, String actingCustomer, List<Event> events,
                                    boolean insertAtOnce) {
        // Built from scratch again should the database abort it to break a deadlock and Jdbi run it again.
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            Transaction transaction = new Transaction(handle, workspaceId, events, insertAtOnce);
            boolean recorded = actingCustomer == null && transaction.recordAll(events);
            if (recorded && !insertAtOnce) {
                transaction.lockAll(events);
            }
            List<Application> done = new ArrayList<>(events.size());
            for (Event event : events) {
                done.add(new Application(transaction, actingCustomer, event, actingCustomer == null && !recorded).run());
            }
            if (recorded) {
                transaction.forgetRejected(done);
            }
            transaction.insertNewRows();
            transaction.writeChangedRows();
            transaction.decideSubjects();
            transaction.recordChanges();
            return done;
        });
    }

    /**
     * Whether the database refused the statement for a unique key: the R2 guard, or a row of the same id.
     * A batch's refusal may be chained as the next exception rather than the cause (H2's).
     */
    private static boolean refusedByKey(Throwable e) {
        for (Throwable cause : ExceptionUtils.getThrowableList(e)) {
            if (cause instanceof SQLIntegrityConstraintViolationException
                    || cause instanceof SQLException sql && sql.getNextException() != null
                    && refusedByKey(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    /** The database refused a row inserted at the end of a request; nothing of the request is left. */
    private static final class NewRowRefused extends RuntimeException {
        NewRowRefused(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Decides again, under the customer's lock, what a read found out of date: every subject of a customer
     * decided under other rules than the serving ones (or never: its rows are older than stored
     * decisions), else the subjects whose time-based decisions are due. Their version moves on when what
     * the customer sees changed; whether it did.
     */
    public boolean refresh(String workspaceId, String customerId) {
        boolean changed = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            CustomerDao customers = handle.attach(CustomerDao.class);
            DecidedDao decided = handle.attach(DecidedDao.class);
            customers.lock(workspaceId, customerId);
            CustomerRow row = customers.find(workspaceId, customerId).orElseThrow();
            String fingerprint = rules.fingerprint();
            boolean all = !fingerprint.equals(row.decidedRules());
            Instant now = clock.instant();
            List<Decided> subjects = (all ? allSubjects(handle, workspaceId, customerId)
                    : dueSubjects(handle, workspaceId, customerId, now)).stream()
                    .map(cluster -> subjectDecider.decide(workspaceId, customerId, cluster, now, false)).toList();
            SubjectStore.Stored stored = SubjectStore.store(decided, workspaceId, customerId, subjects);
            if (all) {
                decided.setCounts(workspaceId, customerId, fingerprint, stored.total());
                decided.setBadgeCounts(workspaceId, customerId,
                        BadgeCounts.of(subjects.stream().flatMap(subject -> subject.badges().stream()).toList()));
            } else {
                moveCounts(decided, workspaceId, Map.of(customerId, stored));
            }
            if (stored.changed()) {
                customers.setVersions(workspaceId, List.of(customerId), List.of(row.version() + 1));
                handle.attach(StateChangeDao.class).record(workspaceId, customerId, row.version() + 1, now);
            }
            return stored.changed();
        });
        if (changed) {
            committed.accept(StateChange.committed(workspaceId, customerId));
        }
        return changed;
    }

    /** Moves each customer's kept counts and badge counts on by what storing their subjects changed. */
    private static void moveCounts(DecidedDao decided, String workspaceId, Map<String, SubjectStore.Stored> stored) {
        List<String> counted = new ArrayList<>();
        List<StoredCounts> deltas = new ArrayList<>();
        List<String> badged = new ArrayList<>();
        List<BadgeCounts> badges = new ArrayList<>();
        stored.forEach((customerId, customer) -> {
            if (!customer.delta().isZero()) {
                counted.add(customerId);
                deltas.add(customer.delta());
            }
            if (!customer.badges().isZero()) {
                badged.add(customerId);
                badges.add(customer.badges());
            }
        });
        if (!counted.isEmpty()) {
            decided.addCounts(workspaceId, counted, deltas);
        }
        if (!badged.isEmpty()) {
            decided.addBadgeCounts(workspaceId, badged, badges);
        }
    }

    private static List<Cluster> allSubjects(Handle handle, String workspaceId, String customerId) {
        return Cluster.all(handle.attach(TicketDao.class).ofCustomer(workspaceId, customerId),
                handle.attach(ConversationDao.class).ofCustomer(workspaceId, customerId));
    }

    private static List<Cluster> dueSubjects(Handle handle, String workspaceId, String customerId, Instant now) {
        DecidedDao decided = handle.attach(DecidedDao.class);
        Set<String> conversationIds = new LinkedHashSet<>(decided.dueConversations(workspaceId, customerId, now));
        Set<String> loneTicketIds = new LinkedHashSet<>();
        for (DueSubject due : decided.dueTickets(workspaceId, customerId, now)) {
            if (due.conversationId() != null) {
                conversationIds.add(due.conversationId());
            } else {
                loneTicketIds.add(due.ticketId());
            }
        }
        TicketDao tickets = handle.attach(TicketDao.class);
        List<TicketRow> rows = new ArrayList<>();
        List<ConversationRow> conversations = List.of();
        if (!conversationIds.isEmpty()) {
            conversations = handle.attach(ConversationDao.class).ofCustomersForUpdate(workspaceId,
                    List.of(customerId), conversationIds);
            rows.addAll(tickets.linkedForUpdate(workspaceId, List.of(customerId), conversationIds));
        }
        if (!loneTicketIds.isEmpty()) {
            rows.addAll(tickets.ofCustomersForUpdate(workspaceId, List.of(customerId), loneTicketIds));
        }
        return Cluster.all(rows, conversations);
    }

    /**
     * The request's transaction: its DAOs, attached once; the workspace's settings as it sees them; and the
     * customers it has locked, with their rows and versions.
     */
    private final class Transaction {
        private final Handle handle;
        private final String workspaceId;
        private final TicketDao tickets;
        private final ConversationDao conversations;
        private final CustomerDao customers;
        private final AppliedEventDao appliedEvents;
        private final StateChangeDao stateChanges;
        private final List<String> historyCustomers = new ArrayList<>();
        private final List<String> historyEvents = new ArrayList<>();
        private final List<Instant> historyTimes = new ArrayList<>();
        private Settings settingsFact;
        private List<AppliedEventListener.InTransaction> openListeners;
        private final Map<String, LockedCustomer> locked = new LinkedHashMap<>();
        /** Every ticket and conversation the request's events name. */
        private final Set<String> ticketIds = new LinkedHashSet<>();
        private final Set<String> conversationIds = new LinkedHashSet<>();
        private final NamedRows<TicketRow> namedTickets;
        private final NamedRows<ConversationRow> namedConversations;
        /** Whether each event inserts its new rows at once, rather than the request all of them at its end. */
        private final boolean insertAtOnce;

        Transaction(Handle handle, String workspaceId, List<Event> events, boolean insertAtOnce) {
            this.handle = handle;
            this.workspaceId = workspaceId;
            this.insertAtOnce = insertAtOnce;
            events.stream().map(Event::ticketId).filter(Objects::nonNull).forEach(ticketIds::add);
            events.stream().map(Event::conversationId).filter(Objects::nonNull).forEach(conversationIds::add);
            this.tickets = handle.attach(TicketDao.class);
            this.conversations = handle.attach(ConversationDao.class);
            this.customers = handle.attach(CustomerDao.class);
            this.appliedEvents = handle.attach(AppliedEventDao.class);
            this.stateChanges = handle.attach(StateChangeDao.class);
            this.namedTickets = new NamedRows<>(ticketIds, ids -> tickets.findAll(workspaceId, ids),
                    id -> tickets.find(workspaceId, id), TicketRow::id);
            this.namedConversations = new NamedRows<>(conversationIds, ids -> conversations.findAll(workspaceId, ids),
                    id -> conversations.find(workspaceId, id), ConversationRow::id);
        }

        /**
         * Records every event's id in one statement, before any is applied, when none was applied before:
         * the common case. Otherwise records none here (one of them is a duplicate: each is then recorded
         * as it is applied, which tells which) and answers false.
         */
        boolean recordAll(List<Event> events) {
            Instant now = clock.instant();
            // A lone event needs no savepoint: either it is recorded, or it is a duplicate and nothing was.
            boolean several = events.size() > 1;
            if (several) {
                handle.savepoint(RECORDING);
            }
            if (appliedEvents.recordAll(events.stream().map(event -> new AppliedEvent(workspaceId, event.id(),
                    event.type(), event.occurredAt(), now)).toList()) == events.size()) {
                return true;
            }
            if (several) {
                handle.rollbackToSavepoint(RECORDING);
            }
            return false;
        }

        /** Forgets the ids recorded up front of the events that were rejected: sent again, they may apply. */
        void forgetRejected(List<Application> applications) {
            List<String> rejected = applications.stream().filter(Application::rejected)
                    .map(application -> application.event.id()).toList();
            if (!rejected.isEmpty()) {
                appliedEvents.forget(workspaceId, rejected);
            }
        }

        /**
         * Locks the customer's row, creating it if need be, and reads the customer's rows that the request's
         * events name, unless this transaction holds the lock already. Every change to a customer's data starts here, so one
         * customer's changes apply one at a time.
         */
        LockedCustomer lock(String customerId) {
            LockedCustomer customer = locked.get(customerId);
            if (customer == null) {
                customers.lock(workspaceId, customerId);
                // The rows are locked too: the customer's lock already orders the writers, and this makes it
                // so on every database whatever its locking quirks. Reading the ids of the whole request
                // takes three statements for all of its events of this customer.
                customer = new LockedCustomer(customerId, customers.version(workspaceId, customerId).orElseThrow(),
                        workspaceId, tickets, conversations);
                LockedCustomer.read(List.of(customer), ticketIds, conversationIds);
                locked.put(customerId, customer);
            }
            return customer;
        }

        /**
         * Locks, before any event applies, every customer the events name or whose committed tickets and
         * conversations they name, in one round of statements for all: their rows, in key order, and then
         * their rows the events name. A customer without a row is not made one here: its row is inserted
         * with the request's other new rows, if one of its events applies, so an event refused leaves none.
         * Two requests that both find a customer without one are told apart there, by the database, and the
         * later one applies again event by event ({@link NewRowRefused}).
         */
        void lockAll(List<Event> events) {
            Set<String> customerIds = new TreeSet<>();
            for (Event event : events) {
                Optional<String> customerId = event.customerId() != null ? Optional.of(event.customerId())
                        : event.ticketId() != null ? namedTickets.get(event.ticketId()).map(TicketRow::customerId)
                        : namedConversations.get(event.conversationId()).map(ConversationRow::customerId);
                customerId.ifPresent(customerIds::add);
            }
            if (customerIds.isEmpty()) {
                return;
            }
            Map<String, Long> versions = customers.lockAll(workspaceId, customerIds);
            for (String customerId : customerIds) {
                Long version = versions.get(customerId);
                locked.put(customerId, version == null
                        ? LockedCustomer.withoutRow(customerId, workspaceId, tickets, conversations)
                        : new LockedCustomer(customerId, version, workspaceId, tickets, conversations));
            }
            LockedCustomer.read(List.copyOf(locked.values()), ticketIds, conversationIds);
        }

        boolean holds(String customerId) {
            return locked.containsKey(customerId);
        }

        /** An event that locked the customer first was rolled back, and the row it may have created with it. */
        void unlocked(String customerId) {
            locked.remove(customerId);
        }

        /**
         * The ticket as this transaction sees it, whoever's: a locked customer's as the request has left it,
         * else as committed (see {@link NamedRows}).
         */
        Optional<TicketRow> ticket(String ticketId) {
            return locked.values().stream().filter(customer -> customer.holdsTicket(ticketId)).findFirst()
                    .map(customer -> customer.ticket(ticketId)).orElseGet(() -> namedTickets.get(ticketId));
        }

        /** The conversation as this transaction sees it, whoever's, as {@link #ticket} finds a ticket. */
        Optional<ConversationRow> conversation(String conversationId) {
            return locked.values().stream().filter(customer -> customer.holdsConversation(conversationId))
                    .findFirst().map(customer -> customer.conversation(conversationId))
                    .orElseGet(() -> namedConversations.get(conversationId));
        }

        /**
         * Inserts the rows the request's events created, as they are now, unless each event did at once.
         * The database may refuse one (its own guard for R2, or a concurrent request's row of the same id,
         * customers' too):
         * then the whole request is given up with {@link NewRowRefused}, to be applied again event by event.
         */
        void insertNewRows() {
            if (insertAtOnce) {
                return;
            }
            List<String> newCustomers = locked.values().stream().filter(LockedCustomer::needsRow)
                    .map(LockedCustomer::id).toList();
            List<ConversationRow> newConversations = locked.values().stream()
                    .flatMap(customer -> customer.createdConversations().stream()).toList();
            List<TicketRow> newTickets = locked.values().stream()
                    .flatMap(customer -> customer.createdTickets().stream()).toList();
            try {
                if (!newCustomers.isEmpty()) {
                    customers.createAll(workspaceId, newCustomers);
                }
                if (!newConversations.isEmpty()) {
                    conversations.insertAll(workspaceId, newConversations);
                }
                if (!newTickets.isEmpty()) {
                    tickets.insertAll(workspaceId, newTickets);
                }
            } catch (StatementException e) {
                if (refusedByKey(e)) {
                    throw new NewRowRefused(e);
                }
                throw e;
            }
        }

        /**
         * Writes the rows the request's events changed, each once, as they are now, and the events' history.
         * None of these writes moves a unique key (see {@link Application#save}), so none can be refused.
         * Rows the request inserted at its end were inserted as they are now.
         */
        void writeChangedRows() {
            List<TicketRow> changedTickets = locked.values().stream()
                    .flatMap(customer -> changed(customer.changedTickets(), customer.createdTickets())).toList();
            List<ConversationRow> changedConversations = locked.values().stream()
                    .flatMap(customer -> changed(customer.changedConversations(), customer.createdConversations()))
                    .toList();
            if (!changedTickets.isEmpty()) {
                tickets.updateAll(workspaceId, changedTickets);
            }
            if (!changedConversations.isEmpty()) {
                conversations.updateAll(workspaceId, changedConversations);
            }
            if (!historyEvents.isEmpty()) {
                handle.attach(HistoryDao.class).recordAll(workspaceId, historyCustomers, historyEvents, historyTimes);
            }
        }

        /** The changed rows, but for the created ones when the request inserted those at its end. */
        private <T> Stream<T> changed(List<T> changed, List<T> created) {
            return insertAtOnce ? changed.stream() : changed.stream().filter(row -> !created.contains(row));
        }

        /**
         * Decides again, under the serving rules, the subjects whose rows the events changed, and stores
         * what came out otherwise, with the customer's counts: one small evaluation per subject touched.
         */
        void decideSubjects() {
            DecidedDao decided = handle.attach(DecidedDao.class);
            Instant now = clock.instant();
            Map<String, List<Decided>> subjects = new LinkedHashMap<>();
            List<String> newCustomers = new ArrayList<>();
            for (LockedCustomer customer : locked.values()) {
                if (customer.changed()) {
                    subjects.put(customer.id(), customer.touchedSubjects().stream()
                            .map(cluster -> subjectDecider.decide(workspaceId, customer.id(), cluster, now, false))
                            .toList());
                    if (customer.isNew()) {
                        newCustomers.add(customer.id());
                    }
                }
            }
            moveCounts(decided, workspaceId, SubjectStore.store(decided, workspaceId, subjects));
            if (!newCustomers.isEmpty()) {
                decided.setDecidedRules(workspaceId, newCustomers, rules.fingerprint());
            }
        }

        /** Keeps the applied event in its customer's history, written with the request's other changes. */
        void keep(String customerId, Event event, Instant decidedAt) {
            historyCustomers.add(customerId);
            try {
                historyEvents.add(history.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write event " + event.id() + " to the history", e);
            }
            historyTimes.add(decidedAt);
        }

        /**
         * Stores the new versions of the customers whose state changed, and appends their change-log rows,
         * last, just before the commit: a row's sequence number is taken when it is inserted, and the
         * sooner its transaction then commits, the less time other replicas tailing the log wait out the
         * gap it leaves until then.
         */
        void recordChanges() {
            List<LockedCustomer> changed = locked.values().stream().filter(LockedCustomer::changed).toList();
            if (!changed.isEmpty()) {
                List<String> ids = changed.stream().map(LockedCustomer::id).toList();
                List<Long> versions = changed.stream().map(LockedCustomer::version).toList();
                customers.setVersions(workspaceId, ids, versions);
                stateChanges.recordAll(workspaceId, ids, versions, clock.instant());
            }
        }

        /** The listeners, opened for this transaction at the first event that applies. */
        List<AppliedEventListener.InTransaction> listeners() {
            if (openListeners == null) {
                openListeners = listeners.stream().map(listener -> listener.open(handle, workspaceId)).toList();
            }
            return openListeners;
        }

        Settings settings() {
            if (settingsFact == null) {
                settingsFact = settings.fact(handle, workspaceId);
            }
            return settingsFact;
        }
    }

    /** One event, within the request's transaction. */
    private final class Application {
        private final Transaction transaction;
        private final Handle handle;
        private final String workspaceId;
        private final String actingCustomer;
        private final Event event;
        private final TicketDao tickets;
        private final ConversationDao conversations;
        private EventResult result;
        /** The customer whose state the event changed, or null. */
        private String changedCustomer;
        /** The customer whose row this event locked first in the transaction, or null. */
        private String lockedCustomer;
        /** Whether to record the event's id as it applies: it was not recorded up front, nor made by the service. */
        private final boolean record;
        /** Whether the event has taken its savepoint, before its first write. */
        private boolean savepoint;

        Application(Transaction transaction, String actingCustomer, Event event, boolean record) {
            this.transaction = transaction;
            this.handle = transaction.handle;
            this.workspaceId = transaction.workspaceId;
            this.actingCustomer = actingCustomer;
            this.event = event;
            this.record = record;
            this.tickets = transaction.tickets;
            this.conversations = transaction.conversations;
        }

        Application run() {
            try {
                result = apply();
            } catch (Rejection rejection) {
                if (savepoint) {
                    handle.rollbackToSavepoint(SAVEPOINT);
                }
                if (lockedCustomer != null) {
                    transaction.unlocked(lockedCustomer);
                }
                changedCustomer = null;
                result = EventResult.rejected(event.id(), rejection.code(), rejection.getMessage());
            }
            return this;
        }

        boolean rejected() {
            return result.status().equals("rejected");
        }

        /**
         * Takes the event's savepoint before its first write, so that a rejection rolls back what the event
         * wrote. Most events of a batch write nothing before the end of the request, and need none. Not
         * released after: the next event's savepoint of the same name replaces it, one statement less.
         */
        private void beforeWrite() {
            if (!savepoint) {
                handle.savepoint(SAVEPOINT);
                savepoint = true;
            }
        }

        private EventResult apply() {
            if (record) {
                beforeWrite();
                if (transaction.appliedEvents.record(workspaceId, event.id(), event.type(), event.occurredAt(),
                        clock.instant()) == 0) {
                    return EventResult.duplicate(event.id());
                }
            }
            String customerId = customerOfEvent();
            lockedCustomer = transaction.holds(customerId) ? null : customerId;
            if (lockedCustomer != null) {
                beforeWrite();
            }
            LockedCustomer customer = transaction.lock(customerId);

            // Another customer's ticket or conversation is read only to say why the event is refused.
            TicketRow ticket = event.ticketId() == null ? null : customer.ticket(event.ticketId())
                    .or(() -> transaction.ticket(event.ticketId())).orElse(null);
            String conversationId = event.conversationId() != null ? event.conversationId()
                    : ticket == null ? null : ticket.conversationId();
            ConversationRow conversation = conversationId == null ? null : customer.conversation(conversationId)
                    .or(() -> transaction.conversation(conversationId)).orElse(null);
            EventHandler<Event> handler = EventHandlers.of(event);
            checkReferences(handler.creates(), customerId, ticket, conversation);
            if (handler.isStale(event, ticket, conversation)) {
                return EventResult.applied(event.id());
            }

            List<TicketRow> concerned = new ArrayList<>();
            if (conversationId != null) {
                concerned.addAll(customer.linkedTo(conversationId));
            }
            if (ticket != null) {
                concerned.add(ticket);
            }
            Subjects subjects = new Subjects(customerId, concerned, conversation);
            Instant now = clock.instant();
            Decisions decisions = eventRules.decide(event, transaction.settings(), workspaceId, subjects, now);
            for (Refusal refusal : decisions.all(Refusal.class)) {
                throw new Rejection(refusal.code(), refusal.message());
            }

            Map<String, TicketRow> before = subjects.ticketsById();
            handler.record(event, subjects);
            EventRules.store(decisions, event, subjects);
            save(before, subjects.tickets(), conversation, subjects.conversation());
            customer.applied(subjects.tickets(), subjects.conversation());
            changedCustomer = customerId;
            transaction.listeners().forEach(listener -> listener.applied(customerId, event));
            transaction.keep(customerId, event, now);
            return EventResult.applied(event.id());
        }

        private String customerOfEvent() {
            String customerId = event.customerId();
            if (customerId == null && event.ticketId() != null) {
                customerId = transaction.ticket(event.ticketId()).map(TicketRow::customerId)
                        .orElseThrow(this::unknownTicket);
            } else if (customerId == null) {
                customerId = transaction.conversation(event.conversationId()).map(ConversationRow::customerId)
                        .orElseThrow(this::unknownConversation);
            }
            if (actingCustomer != null && !actingCustomer.equals(customerId)) {
                throw event.ticketId() != null ? unknownTicket() : unknownConversation();
            }
            return customerId;
        }

        private void checkReferences(EventHandler.Creates creates, String customerId, TicketRow ticket,
                                     ConversationRow conversation) {
            boolean createsTicket = creates == EventHandler.Creates.TICKET;
            boolean createsConversation = creates == EventHandler.Creates.CONVERSATION;
            if (createsTicket && ticket != null) {
                throw new Rejection("ticket_exists", "ticket " + event.ticketId() + " exists already");
            }
            if (createsConversation && conversation != null) {
                throw new Rejection("conversation_exists", "conversation " + event.conversationId() + " exists already");
            }
            if (actingCustomer != null && ticket != null && !ticket.shared()) {
                throw unknownTicket();
            }
            if (event.conversationId() != null && !createsConversation) {
                if (conversation == null) {
                    throw unknownConversation();
                }
                if (!conversation.customerId().equals(customerId)) {
                    throw new Rejection("customer_mismatch", "conversation " + conversation.id()
                            + " belongs to another customer than ticket " + event.ticketId());
                }
            }
        }

        /**
         * Writes at once what the database may refuse, so that a refusal is this event's, rolled back with
         * its savepoint: a ticket change that moves the R2 unique key, and new rows when the request applies
         * event by event (else the request inserts them together at its end). Other changes to existing rows
         * are written once per request, before the commit.
         */
        private void save(Map<String, TicketRow> ticketsBefore, Collection<TicketRow> ticketsAfter,
                          ConversationRow conversationBefore, ConversationRow conversationAfter) {
            if (conversationAfter != null && conversationBefore == null && transaction.insertAtOnce) {
                beforeWrite();
                conversations.insert(workspaceId, conversationAfter);
            }
            try {
                for (TicketRow ticket : ticketsAfter) {
                    TicketRow previous = ticketsBefore.get(ticket.id());
                    if (previous == null ? transaction.insertAtOnce : TicketDao.movesSharedConversation(previous, ticket)) {
                        beforeWrite();
                        tickets.save(workspaceId, ticket, previous == null);
                    }
                }
            } catch (StatementException e) {
                if (refusedByKey(e)) {
                    // The database's own guard for R2, should the rules ever let a second shared ticket through.
                    // Its code differs from the rules' refusal, so it is plain which of the two refused.
                    throw new Rejection("integrity_conflict",
                            "the database refused the change: a conversation has at most one shared ticket");
                }
                throw e;
            }
        }

        private Rejection unknownTicket() {
            return new Rejection("unknown_ticket", "no ticket " + event.ticketId() + " in workspace " + workspaceId);
        }

        private Rejection unknownConversation() {
            return new Rejection("unknown_conversation",
                    "no conversation " + event.conversationId() + " in workspace " + workspaceId);
        }
    }
}
