package dev.ticketspace.store;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes to customers' states, for caches and live streams: those committed here as they commit,
 * and those committed through any replica by tailing the change log: one
 * indexed query every poll interval. Sequence numbers are given out when a row is inserted but become
 * visible when its transaction commits, so a later number can show up first; a gap is waited for
 * (up to {@link #GAP_PATIENCE}) before it is passed over, as a rolled-back transaction leaves one forever.
 * Old rows are pruned.
 */
public final class ChangeFeed implements Managed {
    static final Duration GAP_PATIENCE = Duration.ofSeconds(5);
    private static final int BATCH = 1000;
    /** Rows pruned per statement: each stays short, well within the driver's socket timeout. */
    static final int PRUNE_BATCH = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Jdbi jdbi;
    private final Duration pollInterval;
    private final Duration retention;
    private final Clock clock;
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "change-feed"));
    /** Every change up to here has been passed on. */
    private long cursor;
    /** The highest change passed on; from here on changes are new. */
    private long highestSeen;
    /** Changes after the cursor already passed on, and since when each gap below them has been open. */
    private final Set<Long> seenAfterCursor = new HashSet<>();
    private final Map<Long, Instant> gapsSince = new HashMap<>();
    private Instant lastPrune = Instant.EPOCH;
    private boolean failing;

    public ChangeFeed(Jdbi jdbi, Duration pollInterval, Duration retention, Clock clock) {
        this.jdbi = jdbi;
        this.pollInterval = pollInterval;
        this.retention = retention;
        this.clock = clock;
    }

    public void subscribe(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    /**
     * Passes on a change committed through this replica at once, rather than at the next poll: reads
     * on this replica see their own writes. The poll passes it on again later; listeners take repeats.
     */
    public void publish(StateChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }

    @Override
    public void start() {
        catchUp();
        poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        poller.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void pollSafely() {
        try {
            poll();
            prune();
            if (failing) {
                failing = false;
                LOG.info("the change log can be read again");
            }
        } catch (RuntimeException e) {
            // The database may be away for a while; the next poll tries again from the same cursor.
            // Said once, not at every poll.
            if (!failing) {
                failing = true;
                LOG.warn("cannot read the change log, retrying every {} ms: {}", pollInterval.toMillis(),
                        ExceptionUtils.getRootCauseMessage(e));
            }
        }
    }

    /** Starts from the end of the log: what is there already was passed on before this replica started. */
    void catchUp() {
        cursor = jdbi.withExtension(StateChangeDao.class, StateChangeDao::lastSeq);
        highestSeen = cursor;
    }

    /**
     * Passes on each change not passed on before, and moves the cursor over what is settled. New changes
     * are read from the highest one seen, so that however many pile up behind an open gap they still
     * come at once; while gaps are open, the changes just after the cursor are read again for late ones.
     */
    void poll() {
        List<StateChange> changes = jdbi.withExtension(StateChangeDao.class, dao -> {
            List<StateChange> found = new ArrayList<>(dao.after(highestSeen, BATCH));
            if (!gapsSince.isEmpty()) {
                found.addAll(dao.after(cursor, BATCH));
            }
            return found;
        });
        Instant now = clock.instant();
        for (StateChange change : changes) {
            if (change.seq() > cursor && seenAfterCursor.add(change.seq())) {
                highestSeen = Math.max(highestSeen, change.seq());
                listeners.forEach(listener -> listener.accept(change));
            }
        }
        for (long seq = cursor + 1; seq < highestSeen; seq++) {
            if (!seenAfterCursor.contains(seq)) {
                gapsSince.putIfAbsent(seq, now);
            }
        }
        while (seenAfterCursor.remove(cursor + 1) || gapExpired(cursor + 1, now)) {
            gapsSince.remove(cursor + 1);
            cursor++;
        }
    }

    private boolean gapExpired(long seq, Instant now) {
        Instant since = gapsSince.get(seq);
        return since != null && Duration.between(since, now).compareTo(GAP_PATIENCE) > 0;
    }

    /** Deletes the rows older than the retention, at most once a minute; answers how many it deleted. */
    int prune() {
        Instant now = clock.instant();
        if (Duration.between(lastPrune, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return 0;
        }
        lastPrune = now;
        return jdbi.withExtension(StateChangeDao.class, dao -> {
            int total = 0;
            int pruned;
            do {
                pruned = dao.prune(now.minus(retention), PRUNE_BATCH);
                total += pruned;
            } while (pruned == PRUNE_BATCH);
            return total;
        });
    }
}
