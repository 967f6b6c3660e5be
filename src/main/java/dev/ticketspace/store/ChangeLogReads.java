package dev.ticketspace.store;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/**
 * What reading the change log costs this replica, the figures of the transports' cost model:
 * {@code live.changeLog.queries} (statements) and {@code live.changeLog.rows} (rows they returned).
 */
public record ChangeLogReads(Counter queries, Counter rows) {
    public static ChangeLogReads in(MetricRegistry metrics) {
        return new ChangeLogReads(metrics.counter("live.changeLog.queries"), metrics.counter("live.changeLog.rows"));
    }
}
