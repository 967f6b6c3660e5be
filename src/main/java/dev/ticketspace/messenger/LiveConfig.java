package dev.ticketspace.messenger;

import dev.ticketspace.nats.NatsConfig;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Live updates ({@code GET /api/v1/messenger/stream}).
 *
 * @param pollInterval          how often this replica reads the change log (default 250 ms; on NATS, the relay)
 * @param heartbeat             how often every stream gets a comment (1 s): proxies keep it open, and a write to a
 *                              client that left fails, which is how the slot is freed, within two heartbeats
 * @param retention             how long change-log rows are kept (10 minutes)
 * @param maxStreamsPerCustomer open streams one customer may hold on this replica (5)
 * @param maxStreams            open streams this replica holds at most (by default one per
 *                              {@value #HEAP_PER_STREAM} bytes of the maximum heap: 24,576 at -Xmx768m, 65,536 at
 *                              -Xmx2g)
 * @param viewCacheTtl          how long a customer's computed state is kept, served again while its version is
 *                              current (10 minutes; 0 turns the cache off). Changes made through this replica
 *                              drop it at once, through others within {@code pollInterval} (on NATS: only for
 *                              customers with a stream here; every read checks the version anyway).
 * @param transport             how replicas learn of each other's changes: {@code database} (the default: every
 *                              replica tails the change log) or {@code nats} (one replica relays the change log to
 *                              NATS JetStream; each replica subscribes to the customers it holds streams of)
 * @param nats                  the NATS transport's settings
 * @param refreshThreads        threads that compute streamed customers' states and send them (2): what a
 *                              workspace-wide change, or a reconnect storm, may take of the database and the
 *                              cores at once
 * @param refreshBatch          customers such a thread takes from the queue at a turn, computing each in turn (100)
 */
public record LiveConfig(@NotNull Duration pollInterval, @NotNull Duration heartbeat, @NotNull Duration retention,
                         @Min(1) int maxStreamsPerCustomer, @Min(1) int maxStreams, Duration viewCacheTtl,
                         @NotNull Transport transport, @Valid @NotNull NatsConfig nats, @Min(1) int refreshThreads,
                         @Min(1) @Max(1000) int refreshBatch) {
    /** Heap a stream may take, with the rest of the service's needs, for the default {@code maxStreams}. */
    public static final long HEAP_PER_STREAM = 32 * 1024;

    /** {@code live.transport}. */
    public enum Transport { DATABASE, NATS }

    public LiveConfig {
        transport = transport == null ? Transport.DATABASE : transport;
        nats = nats == null ? new NatsConfig() : nats;
        pollInterval = pollInterval == null ? Duration.milliseconds(250) : pollInterval;
        heartbeat = heartbeat == null ? Duration.seconds(1) : heartbeat;
        retention = retention == null ? Duration.minutes(10) : retention;
        maxStreamsPerCustomer = maxStreamsPerCustomer == 0 ? 5 : maxStreamsPerCustomer;
        maxStreams = maxStreams == 0 ? (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / HEAP_PER_STREAM)
                : maxStreams;
        refreshThreads = refreshThreads == 0 ? 2 : refreshThreads;
        refreshBatch = refreshBatch == 0 ? 100 : refreshBatch;
        viewCacheTtl = viewCacheTtl == null ? Duration.minutes(10) : viewCacheTtl;
    }

    public LiveConfig() {
        this(null, null, null, 0, 0, null, null, null, 0, 0);
    }
}
