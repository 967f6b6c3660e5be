package dev.ticketspace.events;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ticketspace.events.handlers.EventHandler;
import dev.ticketspace.events.handlers.EventHandlers;
import dev.ticketspace.events.handlers.Subjects;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.CustomerKey;
import dev.ticketspace.store.CustomerRef;
import dev.ticketspace.store.DecidedDao;
import dev.ticketspace.store.HistoryDao;
import dev.ticketspace.store.HistoryRow;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateChangeDao;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.store.TicketRow;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the rules change, decides again what every customer's past events mean: each customer's history
 * is replayed through the new rules in memory, and where the decisions stored with its tickets come out
 * otherwise (a badge an old rule lit, a card entry, a read mark) they are replaced, the customer's version
 * moves on and open streams follow. Then what the rules decide about each of the customer's subjects
 * (list, card, action, unread marks) is decided again and stored, so that reads find it done. One
 * customer at a time, in the background, never holding a customer's lock while replaying: a customer
 * whose events move on meanwhile is replayed again. A rules change during a pass starts a new pass.
 * Customers whose history was not kept from their start (rows from before the history existed,
 * generated sample data) keep their event-time decisions; their subjects are decided again all the same.
 */
public final class Redecider implements Managed {
    /** Customers read per page of a pass. */
    static final int PAGE = 200;
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Redecider.class);

    private final Jdbi jdbi;
    private final EventRules eventRules;
    private final SettingsService settings;
    private final Clock clock;
    private final ObjectReader events;
    private final Consumer<StateChange> committed;
    private final Predicate<CustomerKey> decideSubjects;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "redecide"));
    private final AtomicLong rulesChanges = new AtomicLong();
    private final Counter customersDone;
    private final Counter customersChanged;
    private volatile boolean running;

    public Redecider(Jdbi jdbi, RuleBase rules, SettingsService settings, Clock clock, ObjectMapper json,
                     MetricRegistry metrics, Consumer<StateChange> committed, Predicate<CustomerKey> decideSubjects) {
        this.jdbi = jdbi;
        this.eventRules = new EventRules(rules);
        this.settings = settings;
        this.clock = clock;
        this.events = json.readerFor(Event.class);
        this.committed = committed;
        this.decideSubjects = decideSubjects;
        this.customersDone = metrics.counter("rules.redecide.customers");
        this.customersChanged = metrics.counter("rules.redecide.changed");
        metrics.gauge("rules.redecide.running", () -> () -> running ? 1 : 0);
    }

    /** The rules changed: decide every customer's history again, in the background. */
    public void rulesReplaced() {
        long change = rulesChanges.incrementAndGet();
        worker.execute(() -> pass(change));
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void pass(long change) {
        if (change != rulesChanges.get()) {
            return; // a later change queued a pass of its own
        }
        running = true;
        long started = System.nanoTime();
        int seen = 0;
        int changed = 0;
        LOG.info("deciding every customer's history again under the new rules");
        try {
            CustomerKey after = new CustomerKey("", "");
            List<CustomerRef> page;
            do {
                CustomerKey from = after;
                page = jdbi.withExtension(CustomerDao.class,
                        customers -> customers.after(from.workspaceId(), from.customerId(), PAGE));
                for (CustomerRef customer : page) {
                    if (change != rulesChanges.get() || Thread.currentThread().isInterrupted()) {
                        LOG.info("the rules changed again after {} customers; starting over", seen);
                        return;
                    }
                    boolean historyChanged = customer.replayable() && redecide(customer.key());
                    if (decideSubjects.test(customer.key()) || historyChanged) {
                        changed++;
                        customersChanged.inc();
                    }
                    seen++;
                    customersDone.inc();
                    after = customer.key();
                }
                if (!page.isEmpty()) {
                    LOG.info("decided {} customers again so far, {} of them changed", seen, changed);
                }
            } while (page.size() == PAGE);
            LOG.info("decided {} customers again under the new rules in {} ms: {} changed", seen,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), changed);
        } catch (RuntimeException e) {
            LOG.error("deciding customers again stopped after {}: {}; the next rules change tries again", seen,
                    ExceptionUtils.getRootCauseMessage(e), e);
        } finally {
            running = false;
        }
    }

    /** Decides the customer's history again; whether anything the customer sees came out otherwise. */
    boolean redecide(CustomerKey customer) {
        String workspaceId = customer.workspaceId();
        String customerId = customer.customerId();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Stored stored = stored(customer);
            List<TicketRow> differing = differing(customer, stored);
            if (differing.isEmpty()) {
                return false;
            }
            boolean written = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                CustomerDao customers = handle.attach(CustomerDao.class);
                customers.lock(workspaceId, customerId);
                long version = customers.version(workspaceId, customerId).orElseThrow();
                if (version != stored.version()) {
                    return false;
                }
                handle.attach(TicketDao.class).updateDecisions(workspaceId, differing);
                // What the rules decide about these tickets' subjects follows from what changed here: they
                // are all decided again next, by the pass or by a read that comes first.
                handle.attach(DecidedDao.class).setDecidedRules(workspaceId, List.of(customerId), null);
                customers.setVersions(workspaceId, List.of(customerId), List.of(version + 1));
                handle.attach(StateChangeDao.class).record(workspaceId, customerId, version + 1, clock.instant());
                return true;
            });
            if (written) {
                committed.accept(StateChange.committed(workspaceId, customerId));
                return true;
            }
        }
        LOG.warn("customer {} of {} kept changing while its history was decided again; left as it was",
                customerId, workspaceId);
        return false;
    }

    /**
     * The customer's stored tickets, each replaced by what its history decides under these rules where
     * that differs: what the customer would be left with. Reads only (the impact preview of a rule set).
     */
    public List<TicketRow> replayedTickets(CustomerKey customer) {
        Stored stored = stored(customer);
        Map<String, TicketRow> differing = new LinkedHashMap<>();
        differing(customer, stored).forEach(ticket -> differing.put(ticket.id(), ticket));
        return stored.tickets().stream().map(ticket -> differing.getOrDefault(ticket.id(), ticket)).toList();
    }

    private Stored stored(CustomerKey customer) {
        String workspaceId = customer.workspaceId();
        String customerId = customer.customerId();
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> new Stored(
                handle.attach(CustomerDao.class).version(workspaceId, customerId).orElse(0L),
                handle.attach(HistoryDao.class).ofCustomer(workspaceId, customerId),
                handle.attach(TicketDao.class).ofCustomer(workspaceId, customerId),
                settings.fact(handle, workspaceId)));
    }

    /** The stored tickets whose decisions the history, replayed under these rules, decides otherwise: as replayed. */
    private List<TicketRow> differing(CustomerKey customer, Stored stored) {
        Map<String, TicketRow> replayed = replay(customer.workspaceId(), customer.customerId(), stored.history(),
                stored.settings());
        return stored.tickets().stream()
                .filter(ticket -> replayed.containsKey(ticket.id()))
                .filter(ticket -> !ticket.sameDecisions(replayed.get(ticket.id())))
                .map(ticket -> replayed.get(ticket.id()))
                .toList();
    }

    /**
     * The customer's tickets as its events leave them under the current rules, from nothing: each event
     * through its handler and the rules' first moment, at the time it was first applied. Refusals are
     * not asked again: the events applied when they happened.
     */
    private Map<String, TicketRow> replay(String workspaceId, String customerId, List<HistoryRow> history,
                                          Settings settings) {
        Map<String, TicketRow> tickets = new LinkedHashMap<>();
        Map<String, ConversationRow> conversations = new LinkedHashMap<>();
        for (HistoryRow row : history) {
            Event event = read(row);
            TicketRow ticket = event.ticketId() == null ? null : tickets.get(event.ticketId());
            String conversationId = event.conversationId() != null ? event.conversationId()
                    : ticket == null ? null : ticket.conversationId();
            ConversationRow conversation = conversationId == null ? null : conversations.get(conversationId);
            EventHandler<Event> handler = EventHandlers.of(event);
            if (missing(handler, event, ticket, conversation) || handler.isStale(event, ticket, conversation)) {
                continue;
            }
            List<TicketRow> concerned = new ArrayList<>();
            if (conversationId != null) {
                tickets.values().stream().filter(t -> conversationId.equals(t.conversationId())).forEach(concerned::add);
            }
            if (ticket != null) {
                concerned.add(ticket);
            }
            Subjects subjects = new Subjects(customerId, concerned, conversation);
            Decisions decisions = eventRules.decide(event, settings, workspaceId, subjects, row.decidedAt());
            handler.record(event, subjects);
            EventRules.store(decisions, event, subjects);
            subjects.tickets().forEach(t -> tickets.put(t.id(), t));
            if (subjects.conversation() != null) {
                conversations.put(subjects.conversation().id(), subjects.conversation());
            }
        }
        return tickets;
    }

    /** Whether the event names a ticket or conversation the history has not made: it cannot be replayed. */
    private static boolean missing(EventHandler<Event> handler, Event event, TicketRow ticket,
                                   ConversationRow conversation) {
        boolean ticketMissing = event.ticketId() != null && ticket == null
                && handler.creates() != EventHandler.Creates.TICKET;
        boolean conversationMissing = event.conversationId() != null && conversation == null
                && handler.creates() != EventHandler.Creates.CONVERSATION;
        return ticketMissing || conversationMissing;
    }

    private Event read(HistoryRow row) {
        try {
            return events.readValue(row.eventJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event in the history: " + e.getOriginalMessage(), e);
        }
    }

    private record Stored(long version, List<HistoryRow> history, Collection<TicketRow> tickets, Settings settings) {
    }
}
