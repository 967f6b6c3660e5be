package dev.ticketspace.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the change log from a position on, each row once: one indexed query a poll. Sequence numbers
 * are given out when a row is inserted but become visible when its transaction commits, so a later
 * number can show up first; a gap is waited for (up to {@link #GAP_PATIENCE}) before it is passed over,
 * as a rolled-back transaction leaves one forever. One thread polls a tail.
 */
public final class ChangeLogTail {
    public static final Duration GAP_PATIENCE = Duration.ofSeconds(5);
    private static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ChangeLogReads reads;
    /** Every change up to here has been read. */
    private long cursor;
    /** The highest change read; from here on changes are new. */
    private long highestSeen;
    /** Changes after the cursor already read, and since when each gap below them has been open. */
    private final Set<Long> seenAfterCursor = new HashSet<>();
    private final Map<Long, Instant> gapsSince = new HashMap<>();

    /** A tail that reads the changes after {@code from}. */
    public ChangeLogTail(Jdbi jdbi, Clock clock, long from, ChangeLogReads reads) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.reads = reads;
        this.cursor = from;
        this.highestSeen = from;
    }

    /** A tail from the end of the log: the changes committed from now on. */
    public static ChangeLogTail atEnd(Jdbi jdbi, Clock clock, ChangeLogReads reads) {
        return new ChangeLogTail(jdbi, clock, jdbi.withExtension(StateChangeDao.class, StateChangeDao::lastSeq), reads);
    }

    /** Every change up to this one has been read (or its gap passed over); the rest may be ahead. */
    public long cursor() {
        return cursor;
    }

    /**
     * The changes not read before, in order of sequence, and moves the cursor over what is settled. New
     * changes are read from the highest one seen, so that however many pile up behind an open gap they
     * still come at once; while gaps are open, the changes just after the cursor are read again for late ones.
     */
    public List<StateChange> poll() {
        List<StateChange> found = jdbi.withExtension(StateChangeDao.class, dao -> {
            List<StateChange> rows = new ArrayList<>(dao.after(highestSeen, BATCH));
            if (!gapsSince.isEmpty()) {
                rows.addAll(dao.after(cursor, BATCH));
                reads.queries().inc();
            }
            return rows;
        });
        reads.queries().inc();
        reads.rows().inc(found.size());
        found.sort(Comparator.comparingLong(StateChange::seq));
        Instant now = clock.instant();
        List<StateChange> fresh = new ArrayList<>();
        for (StateChange change : found) {
            if (change.seq() > cursor && seenAfterCursor.add(change.seq())) {
                highestSeen = Math.max(highestSeen, change.seq());
                fresh.add(change);
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
        return fresh;
    }

    private boolean gapExpired(long seq, Instant now) {
        Instant since = gapsSince.get(seq);
        return since != null && Duration.between(since, now).compareTo(GAP_PATIENCE) > 0;
    }
}
