package dev.ticketspace.store;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the ids of events applied longer ago than the idempotency window, every interval, on every
 * replica. Each delete statement removes at most a batch of rows, oldest index range first, and commits
 * on its own, so it holds its row locks only briefly and events recording new ids (at the other end of
 * the time index) never wait on it. Replicas need no coordination: their first runs are spread over an
 * interval, and should two meet, the later one waits on the first's few locked rows, then deletes
 * whatever is left or nothing.
 */
public final class AppliedEventPruner implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(AppliedEventPruner.class);

    private final Jdbi jdbi;
    private final Duration window;
    private final Duration interval;
    private final int batch;
    private final Clock clock;
    private final Counter pruned;
    private final Histogram statements;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "applied-events-pruner"));
    private volatile boolean stopping;
    private boolean failing;

    public AppliedEventPruner(Jdbi jdbi, Duration window, Duration interval, int batch, Clock clock,
                              MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.window = window;
        this.interval = interval;
        this.batch = batch;
        this.clock = clock;
        this.pruned = metrics.counter("events.idempotency.pruned");
        this.statements = metrics.histogram("events.idempotency.pruneBatch");
    }

    @Override
    public void start() {
        long every = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneSafely, ThreadLocalRandom.current().nextLong(every + 1), every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void pruneSafely() {
        try {
            prune();
            if (failing) {
                failing = false;
                LOG.info("old event ids can be pruned again");
            }
        } catch (RuntimeException e) {
            // The database may be away for a while; the next run tries again. Said once, not every run.
            if (!failing) {
                failing = true;
                LOG.warn("cannot prune old event ids, retrying every {} ms: {}", interval.toMillis(),
                        ExceptionUtils.getRootCauseMessage(e));
            }
        }
    }

    /** Deletes, a batch per statement, every id recorded before the window began. */
    void prune() {
        Instant before = clock.instant().minus(window);
        int deleted;
        do {
            // Read committed: InnoDB then locks only the rows it deletes, never the gaps between them.
            deleted = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                    handle -> handle.attach(AppliedEventDao.class).prune(before, batch));
            statements.update(deleted);
            pruned.inc(deleted);
        } while (deleted == batch && !stopping);
    }
}
