package dev.ticketspace.messenger;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.events.ConversationRead;
import dev.ticketspace.events.Event;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.events.EventResult;
import dev.ticketspace.events.TicketRead;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.Explanation;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.Scope;
import dev.ticketspace.rules.decisions.Space;
import dev.ticketspace.rules.facts.Counts;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.BadgeCounts;
import dev.ticketspace.store.BadgeItem;
import dev.ticketspace.store.ConversationDao;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.CustomerRecheck;
import dev.ticketspace.store.CustomerRow;
import dev.ticketspace.store.DecidedConversation;
import dev.ticketspace.store.DecidedDao;
import dev.ticketspace.store.DecidedTicket;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateVersions;
import dev.ticketspace.store.StoredCounts;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.store.TicketDecided;
import dev.ticketspace.store.TicketRow;
import dev.ticketspace.store.Times;
import dev.ticketspace.subjects.Cluster;
import dev.ticketspace.subjects.Decided;
import dev.ticketspace.subjects.SubjectDecider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Reads one customer's messenger state. What the rules decided about each subject (a conversation with
 * its tickets, or a lone ticket) is stored with its rows when it changes; a read runs only the customer
 * scope's rules, over the settings and the counts kept over the subjects, and reads the few rows it
 * shows by their keys: its cost does not grow with the customer's history. Explaining, listing conflicts
 * and previewing other rules decide every subject in memory instead, writing nothing.
 */
public final class MessengerService {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** Card candidates a customer may have to be read with others' in one statement, which ranks them all. */
    private static final int FEW_CARD_CANDIDATES = 100;

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
        return explain ? decideAll(rules, workspaceId, customerId, null, true).view().state(true)
                : view(workspaceId, customerId).state(false);
    }

    /**
     * What the rules decided in conflict for the customer now, for {@code rules test}: subjects given
     * several decisions of one kind and the same priority, each with the rules that made them.
     */
    public List<String> conflicts(String workspaceId, String customerId) {
        return decideAll(rules, workspaceId, customerId, null, true).view().conflicts();
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
    public Optional<TicketSummary> linkedTicket(String workspaceId, String customerId, String conversationId) {
        refreshIfStale(workspaceId, customerId);
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            DecidedDao decided = handle.attach(DecidedDao.class);
            return decided.conversation(workspaceId, customerId, conversationId)
                    .map(conversation -> conversation.decided().linkedTicketId()).filter(Objects::nonNull)
                    .flatMap(ticketId -> decided.tickets(workspaceId, customerId, List.of(ticketId)).stream()
                            .findFirst())
                    .map(ticket -> CustomerView.summary(ticket.ticket(), ticket.decided()));
        });
    }

    /** The Tickets space list; 404 {@code tickets_space_hidden} while the customer cannot see the space. */
    public TicketPage tickets(String workspaceId, String customerId, int limit, String cursor) {
        String after = Cursor.decode(cursor);
        if (!view(workspaceId, customerId).isVisible(Space.TICKETS)) {
            throw ApiException.notFound("tickets_space_hidden", "the Tickets space is not visible to this customer");
        }
        List<DecidedTicket> rows = jdbi.withExtension(DecidedDao.class,
                decided -> decided.listed(workspaceId, customerId, after, limit + 1));
        List<DecidedTicket> items = rows.subList(0, Math.min(limit, rows.size()));
        return new TicketPage(items.stream().map(t -> CustomerView.summary(t.ticket(), t.decided())).toList(),
                rows.size() > limit ? Cursor.encode(items.get(items.size() - 1).decided().listKey()) : null);
    }

    /** The Messages space list, most recent message first, each with its linked ticket if rules attach one. */
    public ConversationPage conversations(String workspaceId, String customerId, int limit, String cursor) {
        String after = Cursor.decode(cursor);
        refreshIfStale(workspaceId, customerId);
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            DecidedDao decided = handle.attach(DecidedDao.class);
            List<DecidedConversation> rows = decided.conversations(workspaceId, customerId, after, limit + 1);
            List<DecidedConversation> items = rows.subList(0, Math.min(limit, rows.size()));
            List<String> linked = items.stream().map(c -> c.decided().linkedTicketId()).filter(Objects::nonNull)
                    .toList();
            Map<String, TicketSummary> tickets = new HashMap<>();
            if (!linked.isEmpty()) {
                decided.tickets(workspaceId, customerId, linked).forEach(t ->
                        tickets.put(t.ticket().id(), CustomerView.summary(t.ticket(), t.decided())));
            }
            return new ConversationPage(items.stream().map(c -> conversation(c.conversation(),
                            c.decided().unread(), tickets.get(c.decided().linkedTicketId()))).toList(),
                    rows.size() > limit ? Cursor.encode(items.get(items.size() - 1).decided().listKey()) : null);
        });
    }

    private static ConversationSummary conversation(ConversationRow row, boolean unread, TicketSummary ticket) {
        return new ConversationSummary(row.id(), row.state(), unread, row.lastMessageAt(), ticket);
    }

    private CustomerView view(String workspaceId, String customerId) {
        return cache.get(workspaceId, customerId, () -> versions.current(workspaceId, customerId), clock.instant(),
                () -> load(workspaceId, customerId));
    }

    /** What the customer sees and the Tickets space's list (every page), for the impact preview of a rule set. */
    public record Seen(MessengerState state, List<TicketSummary> list) {
    }

    /**
     * What the customer would see under other rules, with their stored tickets replaced by {@code tickets}
     * (null: as stored). Reads only, caches nothing.
     */
    public Seen preview(RuleBase other, String workspaceId, String customerId, List<TicketRow> tickets) {
        Everything everything = decideAll(other, workspaceId, customerId, tickets, false);
        return new Seen(everything.view().state(false), everything.list());
    }

    /**
     * The states of some of a workspace's customers, each as {@link #state} gives it without explanations:
     * for their streams. They are read together, in one snapshot and a few statements for them all. A
     * customer whose stored decisions are out of date is decided again and read on their own.
     */
    public Map<String, MessengerState> states(String workspaceId, List<String> customerIds) {
        Map<String, Long> marks = new HashMap<>();
        customerIds.forEach(customerId -> marks.put(customerId, cache.mark(workspaceId, customerId)));
        Map<String, MessengerState> states = new HashMap<>();
        List<CustomerRecheck> rechecks = new ArrayList<>();
        stored(workspaceId, customerIds, true).forEach((customerId, stored) -> {
            if (stored.stale()) {
                states.put(customerId, view(workspaceId, customerId).state(false));
                return;
            }
            cache.keep(workspaceId, customerId, stored.view(), marks.get(customerId));
            stored.recheck().ifPresent(rechecks::add);
            states.put(customerId, stored.view().state(false));
        });
        noteRechecks(workspaceId, rechecks);
        return states;
    }

    /** Reads the customer's view from the stored decisions, deciding again first what is out of date. */
    private CustomerView load(String workspaceId, String customerId) {
        Stored first = stored(workspaceId, List.of(customerId), true).get(customerId);
        if (first.stale()) {
            applier.refresh(workspaceId, customerId);
        }
        // Once decided again, served as it is: rules replaced meanwhile are the next read's to catch up with.
        Stored stored = first.stale() ? stored(workspaceId, List.of(customerId), false).get(customerId) : first;
        noteRechecks(workspaceId, stored.recheck().stream().toList());
        return stored.view();
    }

    /**
     * Notes when the customers' states next change by themselves. Read, then written without the customers'
     * locks: each write applies only while the version is the one decided at, so a state decided since
     * keeps the moment it noted.
     */
    private void noteRechecks(String workspaceId, List<CustomerRecheck> rechecks) {
        if (!rechecks.isEmpty()) {
            jdbi.useExtension(CustomerDao.class, customers -> customers.setRechecks(workspaceId, rechecks));
        }
    }

    private void refreshIfStale(String workspaceId, String customerId) {
        if (jdbi.withHandle(handle -> {
            CustomerRow row = handle.attach(CustomerDao.class).find(workspaceId, customerId).orElse(CustomerRow.NONE);
            return row != CustomerRow.NONE && stale(row,
                    handle.attach(DecidedDao.class).rechecks(workspaceId, List.of(customerId)).get(customerId));
        })) {
            applier.refresh(workspaceId, customerId);
        }
    }

    /**
     * Whether the customer's stored subject decisions are out of date: made under other rules (or never),
     * or a time-based one is due.
     */
    private boolean stale(CustomerRow row, Instant subjectsRecheck) {
        return row != CustomerRow.NONE && (!rules.fingerprint().equals(row.decidedRules())
                || subjectsRecheck != null && !subjectsRecheck.isAfter(clock.instant()));
    }

    /**
     * The customers' views from their stored decisions, in one snapshot (a view's version belongs to what
     * it is served with), with the statements shared: the settings, the customers' rows, when their
     * subjects are due and the cards' first candidates are each read once for all. The views a customer's
     * version says are cached are taken from the cache. With {@code checkStale}, a customer whose stored
     * decisions are out of date gets none, only a note that they are.
     */
    private Map<String, Stored> stored(String workspaceId, List<String> customerIds, boolean checkStale) {
        Instant now = clock.instant();
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            SettingsService.Current current = settings.current(handle, workspaceId);
            Map<String, CustomerRow> rows = handle.attach(CustomerDao.class).findAll(workspaceId, customerIds);
            DecidedDao decided = handle.attach(DecidedDao.class);
            Map<String, Instant> subjectsRechecks = rows.isEmpty() ? Map.of()
                    : decided.rechecks(workspaceId, rows.keySet());
            Map<String, Stored> stored = new LinkedHashMap<>();
            Map<String, Decisions> deciding = new LinkedHashMap<>();
            for (String customerId : customerIds) {
                CustomerRow row = rows.getOrDefault(customerId, CustomerRow.NONE);
                if (checkStale && stale(row, subjectsRechecks.get(customerId))) {
                    stored.put(customerId, new Stored(row, null, true));
                    continue;
                }
                CustomerView cached = cache.current(workspaceId, customerId, row.version() + current.version(), now);
                if (cached != null) {
                    stored.put(customerId, new Stored(row, cached, false));
                } else {
                    deciding.put(customerId, decideCustomer(rules, workspaceId, customerId, current.fact(),
                            row.counts(), false));
                }
            }
            Map<String, List<TicketSummary>> cards = cards(decided, workspaceId, rows, deciding);
            deciding.forEach((customerId, decisions) -> {
                CustomerRow row = rows.getOrDefault(customerId, CustomerRow.NONE);
                Instant nextChange = Times.earlier(decisions.nextChange(), subjectsRechecks.get(customerId));
                stored.put(customerId, new Stored(row, new CustomerView(workspaceId, customerId,
                        row.version() + current.version(), decisions, row.badges(),
                        cards.getOrDefault(customerId, List.of()), null, List.of(), nextChange), false));
            });
            return stored;
        });
    }

    /**
     * The first candidates of each customer's Recent tickets card, as many as the customer scope decided it
     * shows. Customers with few candidates are read in one statement; one with many on their own, through
     * the index, so that no customer's whole history is ranked.
     */
    private static Map<String, List<TicketSummary>> cards(DecidedDao decided, String workspaceId,
                                                          Map<String, CustomerRow> rows,
                                                          Map<String, Decisions> decisions) {
        Map<String, Integer> limits = new HashMap<>();
        decisions.forEach((customerId, customerDecisions) -> {
            int limit = CustomerView.cardLimit(customerDecisions);
            if (rows.containsKey(customerId) && limit > 0) {
                limits.put(customerId, limit);
            }
        });
        Map<String, List<TicketSummary>> cards = new HashMap<>();
        List<String> few = new ArrayList<>();
        limits.forEach((customerId, limit) -> {
            if (rows.get(customerId).cardCandidates() > FEW_CARD_CANDIDATES) {
                cards.put(customerId, summaries(decided.cardCandidates(workspaceId, customerId, limit)));
            } else {
                few.add(customerId);
            }
        });
        if (!few.isEmpty()) {
            int most = few.stream().mapToInt(limits::get).max().orElseThrow();
            decided.cardCandidatesOf(workspaceId, few, most).stream()
                    .collect(Collectors.groupingBy(ticket -> ticket.ticket().customerId()))
                    .forEach((customerId, candidates) -> cards.put(customerId,
                            summaries(candidates.subList(0, Math.min(limits.get(customerId), candidates.size())))));
        }
        return cards;
    }

    private static List<TicketSummary> summaries(List<DecidedTicket> tickets) {
        return tickets.stream().map(t -> CustomerView.summary(t.ticket(), t.decided())).toList();
    }

    private record Stored(CustomerRow row, CustomerView view, boolean stale) {
        /** When the customer's state next changes by itself, if its row notes another moment. */
        Optional<CustomerRecheck> recheck() {
            return row == CustomerRow.NONE || Objects.equals(view.nextChange(), row.recheckAt()) ? Optional.empty()
                    : Optional.of(new CustomerRecheck(view.customerId(), row.version(), view.nextChange()));
        }
    }

    private Decisions decideCustomer(RuleBase ruleBase, String workspaceId, String customerId, Settings settingsFact,
                                     StoredCounts counts, boolean explain) {
        return ruleBase.decide(Scope.CUSTOMER, List.of(settingsFact, new Customer(workspaceId, customerId),
                new Counts(counts.sharedTickets(), counts.listedTickets(), counts.cardCandidates(),
                        counts.unreadTickets(), counts.unreadConversations())), clock.instant(), explain);
    }

    /** A view decided over every subject in memory, and the Tickets space's whole list. */
    private record Everything(CustomerView view, List<TicketSummary> list) {
    }

    /**
     * Decides every subject of the customer in memory, as stored decisions would have it, with the
     * customer's tickets replaced by {@code replacing} (null: as stored). Writes nothing.
     */
    private Everything decideAll(RuleBase ruleBase, String workspaceId, String customerId, List<TicketRow> replacing,
                                 boolean explain) {
        Snapshot snapshot = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            SettingsService.Current current = settings.current(handle, workspaceId);
            return new Snapshot(current.fact(), current.version(),
                    handle.attach(CustomerDao.class).find(workspaceId, customerId).orElse(CustomerRow.NONE),
                    handle.attach(TicketDao.class).ofCustomer(workspaceId, customerId),
                    handle.attach(ConversationDao.class).ofCustomer(workspaceId, customerId));
        });
        List<TicketRow> tickets = replacing == null ? snapshot.tickets() : replacing;
        SubjectDecider decider = new SubjectDecider(ruleBase);
        Instant now = clock.instant();
        List<Decided> subjects = Cluster.all(tickets, snapshot.conversations()).stream()
                .map(cluster -> decider.decide(workspaceId, customerId, cluster, now, explain)).toList();
        StoredCounts counts = StoredCounts.ZERO;
        Map<String, TicketRow> rows = tickets.stream().collect(Collectors.toMap(TicketRow::id, Function.identity()));
        List<TicketDecided> decidedTickets = new ArrayList<>();
        List<BadgeItem> badgeItems = new ArrayList<>();
        List<Explanation> explanations = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Instant nextChange = null;
        for (Decided subject : subjects) {
            for (TicketDecided ticket : subject.tickets()) {
                counts = counts.plus(StoredCounts.of(ticket));
                decidedTickets.add(ticket);
            }
            if (subject.conversation() != null) {
                counts = counts.plus(StoredCounts.of(subject.conversation()));
            }
            badgeItems.addAll(subject.badges());
            explanations.addAll(subject.decisions().explanations());
            conflicts.addAll(subject.decisions().conflicts());
            nextChange = Times.earlier(nextChange, subject.decisions().nextChange());
        }
        Decisions decisions = decideCustomer(ruleBase, workspaceId, customerId, snapshot.settings(), counts, explain);
        explanations.addAll(decisions.explanations());
        conflicts.addAll(decisions.conflicts());
        explanations.sort(Explanation.ORDER);
        tickets.stream().sorted(Comparator.comparing(TicketRow::id)).forEach(ticket ->
                ticket.trail().entries().forEach(entry -> explanations.add(new Explanation(entry.decision(),
                        ticket.id(), entry.rule(), entry.event(), entry.at()))));
        List<TicketSummary> card = ordered(decidedTickets, TicketDecided::cardKey, rows);
        CustomerView view = new CustomerView(workspaceId, customerId,
                snapshot.customer().version() + snapshot.settingsVersion(), decisions, BadgeCounts.of(badgeItems), card,
                explanations, conflicts.stream().sorted().toList(),
                Times.earlier(nextChange, decisions.nextChange()));
        return new Everything(view, ordered(decidedTickets, TicketDecided::listKey, rows));
    }

    /** The tickets that have a key, in its order. */
    private static List<TicketSummary> ordered(List<TicketDecided> decided, Function<TicketDecided, String> key,
                                               Map<String, TicketRow> rows) {
        return decided.stream().filter(ticket -> key.apply(ticket) != null)
                .sorted(Comparator.comparing(key))
                .map(ticket -> CustomerView.summary(rows.get(ticket.ticketId()), ticket)).toList();
    }

    private record Snapshot(Settings settings, long settingsVersion, CustomerRow customer, List<TicketRow> tickets,
                            List<ConversationRow> conversations) {
    }
}
