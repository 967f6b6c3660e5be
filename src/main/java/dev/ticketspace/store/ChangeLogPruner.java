package dev.ticketspace.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Deletes change-log rows older than the retention, in short statements, at most once a minute. */
public final class ChangeLogPruner {
    /** Rows pruned per statement: each stays short, well within the driver's socket timeout. */
    static final int BATCH = 5000;

    private final Jdbi jdbi;
    private final Duration retention;
    private final Clock clock;
    private Instant lastPrune = Instant.EPOCH;

    public ChangeLogPruner(Jdbi jdbi, Duration retention, Clock clock) {
        this.jdbi = jdbi;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Deletes the rows older than the retention up to the sequence {@code upTo} (the rows after it are
     * still needed), unless it did so less than a minute ago; answers how many it deleted.
     */
    public int prune(long upTo) {
        Instant now = clock.instant();
        if (Duration.between(lastPrune, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return 0;
        }
        lastPrune = now;
        return jdbi.withExtension(StateChangeDao.class, dao -> {
            int total = 0;
            int pruned;
            do {
                pruned = dao.prune(now.minus(retention), upTo, BATCH);
                total += pruned;
            } while (pruned == BATCH);
            return total;
        });
    }
}
