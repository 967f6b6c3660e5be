package dev.ticketspace.rulesets;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.events.Redecider;
import dev.ticketspace.messenger.MessengerService;
import dev.ticketspace.messenger.MessengerState;
import dev.ticketspace.messenger.TicketSummary;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.CustomerKey;
import dev.ticketspace.store.CustomerRef;
import dev.ticketspace.store.TicketRow;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * What a rule set version would change for real customers, before it is published: each customer's view
 * (spaces, the Recent tickets card, the Tickets list with each ticket's action and read state) under the
 * published rules and under the candidate's, side by side. Under the candidate, a customer whose history
 * is kept has its tickets decided again from that history (as the re-decide pass after a publication
 * would). Reads only: nothing is written or cached. On a thread of its own, at most one preview at a time
 * per replica, bounded in customers and time, cancellable.
 */
public final class ImpactPreview implements Managed {
    /** The kinds of difference counted, in the order they are reported. */
    public static final List<String> KINDS = List.of("badge_up", "badge_down", "visibility", "card_in", "card_out",
            "card_order", "action", "unread", "list_order");
    static final int MAX_EXAMPLES = 10;
    private static final int PAGE = 200;

    private final Jdbi jdbi;
    private final RuleSets ruleSets;
    private final RuleBase published;
    private final MessengerService messenger;
    private final SettingsService settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final RuleSetBuilder builder;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rules-preview");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Running> running = new AtomicReference<>();

    public ImpactPreview(Jdbi jdbi, RuleSets ruleSets, RuleBase published, MessengerService messenger,
                         SettingsService settings, ObjectMapper json, Clock clock, RuleSetBuilder builder) {
        this.jdbi = jdbi;
        this.ruleSets = ruleSets;
        this.published = published;
        this.messenger = messenger;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.builder = builder;
    }

    /** A customer's view, as compared: each space, the card's tickets, the Tickets list. */
    public record View(List<MessengerState.Space> spaces, List<String> card, List<Listed> list) {
    }

    public record Listed(String id, String action, boolean unread) {
    }

    public record Example(String workspaceId, String customerId, List<String> differences, View before, View after) {
    }

    /**
     * @param complete        false when the preview stopped before comparing all it was asked to
     * @param stoppedBecause  {@code time} or {@code cancelled} when not complete
     * @param changes         per kind of difference, how many customers have it
     */
    public record Result(int version, int publishedVersion, int customersCompared, int customersChanged,
                         boolean complete, String stoppedBecause, Map<String, Integer> changes,
                         List<Example> examples, long millis) {
    }

    /** The preview running on this replica. */
    public record Progress(int version, int customersCompared, Integer customers, Instant startedAt, Instant until) {
    }

    private static final class Running {
        final int version;
        final Integer customers;
        final Instant startedAt;
        final Instant until;
        final AtomicInteger compared = new AtomicInteger();
        volatile boolean cancelled;

        Running(int version, Integer customers, Instant startedAt, Instant until) {
            this.version = version;
            this.customers = customers;
            this.startedAt = startedAt;
            this.until = until;
        }
    }

    /**
     * Compares up to {@code customers} customers (null: all), in key order, for at most {@code limit}.
     * 409 {@code preview_running} while another preview runs here; 409 {@code rules_have_problems} when
     * the version does not build.
     */
    public Result preview(int version, Integer customers, Duration limit) {
        ruleSets.version(version).orElseThrow(() -> RuleSets.notFound(version));
        Instant now = clock.instant();
        Running job = new Running(version, customers, now, now.plus(limit));
        if (!running.compareAndSet(null, job)) {
            Running other = running.get();
            throw new ApiException(409, "preview_running", "a preview of version " + (other == null ? "?" : other.version)
                    + " is running on this replica; wait for it or cancel it (DELETE /api/v1/rules/preview)");
        }
        try {
            Future<Result> result = worker.submit(() -> run(job));
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancelled = true;
            throw new IllegalStateException("interrupted while previewing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException refused) {
                throw refused;
            }
            throw new IllegalStateException("the preview failed: " + e.getCause(), e.getCause());
        } finally {
            running.set(null);
        }
    }

    /** Cancels the preview running here; whether there was one. */
    public boolean cancel() {
        Running job = running.get();
        if (job != null) {
            job.cancelled = true;
        }
        return job != null;
    }

    public Optional<Progress> progress() {
        return Optional.ofNullable(running.get()).map(job -> new Progress(job.version, job.compared.get(),
                job.customers, job.startedAt, job.until));
    }

    private Result run(Running job) {
        long started = System.nanoTime();
        RulesCompiler.Compilation compilation = builder.build(job.version, ruleSets.files(job.version).drl());
        if (!compilation.succeeded()) {
            throw new ApiException(409, "rules_have_problems", "version " + job.version + " does not build: "
                    + compilation.errors().get(0));
        }
        RuleBase candidate = new RuleBase(new RulesCompiler(Path.of("version-" + job.version)), new MetricRegistry());
        candidate.start(compilation);
        Redecider replay = new Redecider(jdbi, candidate, settings, clock, json, new MetricRegistry(), change -> { },
                customer -> false);
        Map<String, Integer> changes = new LinkedHashMap<>();
        KINDS.forEach(kind -> changes.put(kind, 0));
        List<Example> examples = new ArrayList<>();
        int changed = 0;
        String stopped = null;
        try {
            CustomerKey after = new CustomerKey("", "");
            List<CustomerRef> page;
            compare:
            do {
                CustomerKey from = after;
                page = jdbi.withExtension(CustomerDao.class, customers -> customers.after(from.workspaceId(),
                        from.customerId(), PAGE));
                for (CustomerRef customer : page) {
                    if (job.customers != null && job.compared.get() >= job.customers) {
                        break compare;
                    }
                    if (job.cancelled) {
                        stopped = "cancelled";
                        break compare;
                    }
                    if (clock.instant().isAfter(job.until)) {
                        stopped = "time";
                        break compare;
                    }
                    CustomerKey key = customer.key();
                    View before = view(messenger.preview(published, key.workspaceId(), key.customerId(), null));
                    List<TicketRow> tickets = customer.replayable() ? replay.replayedTickets(key) : null;
                    View now = view(messenger.preview(candidate, key.workspaceId(), key.customerId(), tickets));
                    Set<String> kinds = new LinkedHashSet<>();
                    List<String> differences = differences(before, now, kinds);
                    job.compared.incrementAndGet();
                    if (!differences.isEmpty()) {
                        changed++;
                        kinds.forEach(kind -> changes.merge(kind, 1, Integer::sum));
                        if (examples.size() < MAX_EXAMPLES) {
                            examples.add(new Example(key.workspaceId(), key.customerId(), differences, before, now));
                        }
                    }
                    after = key;
                }
            } while (page.size() == PAGE);
        } finally {
            candidate.stop();
            stop(replay);
        }
        int servedVersion = ruleSets.published().map(RuleSets.Publication::version).orElse(0);
        return new Result(job.version, servedVersion, job.compared.get(), changed, stopped == null, stopped, changes,
                examples, (System.nanoTime() - started) / 1_000_000);
    }

    private static void stop(Redecider replay) {
        try {
            replay.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static View view(MessengerService.Seen seen) {
        List<String> card = seen.state().home().cards().stream().filter(c -> c.type().equals("recent_tickets"))
                .flatMap(c -> c.tickets().stream()).map(TicketSummary::id).toList();
        return new View(seen.state().spaces(), card,
                seen.list().stream().map(t -> new Listed(t.id(), t.action(), t.unread())).toList());
    }

    /** Each difference in words; the kinds found are added to {@code kinds}. */
    static List<String> differences(View before, View after, Set<String> kinds) {
        List<String> differences = new ArrayList<>();
        Map<String, MessengerState.Space> spacesAfter = new LinkedHashMap<>();
        after.spaces().forEach(space -> spacesAfter.put(space.id(), space));
        for (MessengerState.Space was : before.spaces()) {
            MessengerState.Space now = spacesAfter.get(was.id());
            if (now == null) {
                continue;
            }
            if (was.visible() != now.visible()) {
                kinds.add("visibility");
                differences.add(was.id() + " visible: " + was.visible() + " -> " + now.visible());
            }
            if (was.badge() != now.badge()) {
                kinds.add(now.badge() > was.badge() ? "badge_up" : "badge_down");
                differences.add(was.id() + " badge: " + was.badge() + " -> " + now.badge());
            }
        }
        if (!before.card().equals(after.card())) {
            boolean in = !before.card().containsAll(after.card());
            boolean out = !after.card().containsAll(before.card());
            if (in) {
                kinds.add("card_in");
            }
            if (out) {
                kinds.add("card_out");
            }
            if (!in && !out) {
                kinds.add("card_order");
            }
            differences.add("card: " + before.card() + " -> " + after.card());
        }
        List<String> listBefore = before.list().stream().map(Listed::id).toList();
        List<String> listAfter = after.list().stream().map(Listed::id).toList();
        if (!listBefore.equals(listAfter)) {
            kinds.add("list_order");
            differences.add("list: " + listBefore + " -> " + listAfter);
        }
        Map<String, Listed> listedAfter = new LinkedHashMap<>();
        after.list().forEach(ticket -> listedAfter.put(ticket.id(), ticket));
        for (Listed was : before.list()) {
            Listed now = listedAfter.get(was.id());
            if (now == null) {
                continue;
            }
            if (!Objects.equals(was.action(), now.action())) {
                kinds.add("action");
                differences.add(was.id() + " action: " + was.action() + " -> " + now.action());
            }
            if (was.unread() != now.unread()) {
                kinds.add("unread");
                differences.add(was.id() + " unread: " + was.unread() + " -> " + now.unread());
            }
        }
        return differences;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        Running job = running.get();
        if (job != null) {
            job.cancelled = true;
        }
        worker.shutdownNow();
    }
}
