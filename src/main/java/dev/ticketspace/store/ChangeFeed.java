package dev.ticketspace.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * The database transport of committed changes ({@code live.transport: database}): those committed here as
 * they commit, and those committed through any replica by tailing the change log ({@link ChangeLogTail}):
 * one indexed query every poll interval, on every replica. Old rows are pruned.
 */
public final class ChangeFeed implements CommittedChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Jdbi jdbi;
    private final Duration pollInterval;
    private final Clock clock;
    private final ChangeLogPruner pruner;
    private final ChangeLogReads reads;
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "change-feed"));
    private ChangeLogTail tail;
    private boolean failing;

    public ChangeFeed(Jdbi jdbi, Duration pollInterval, Duration retention, Clock clock, ChangeLogReads reads) {
        this.jdbi = jdbi;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.pruner = new ChangeLogPruner(jdbi, retention, clock);
        this.reads = reads;
    }

    @Override
    public void subscribe(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    @Override
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
        tail = ChangeLogTail.atEnd(jdbi, clock, reads);
    }

    /** Passes on each change not passed on before. */
    void poll() {
        tail.poll().forEach(change -> listeners.forEach(listener -> listener.accept(change)));
    }

    /** Deletes the rows older than the retention, at most once a minute; answers how many it deleted. */
    int prune() {
        return pruner.prune(Long.MAX_VALUE);
    }
}
