package dev.ticketspace.messenger;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.store.CommittedChanges;
import dev.ticketspace.store.StateChange;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open messenger streams of this replica. When the change feed reports that a customer's state
 * changed (through any replica), or a stream opens, the customer waits in {@link Refreshes} until one of
 * {@code live.refreshThreads} threads computes their state, once, and sends it to each of their streams whose
 * last event is older. The threads take customers in batches of {@code live.refreshBatch}, of one workspace, and read
 * their states together from their stored decisions: a workspace-wide change, or every client reconnecting at once, is worked
 * through at that pace with a bounded backlog, never all at once. Event ingestion never waits for a client, and a slow client
 * holds up only its own stream. The transport of changes is told when a customer's first stream here opens
 * and their last closes, so that it can bring only the changes this replica needs.
 */
public final class LiveStreams implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    private final MessengerService messenger;
    private final LiveConfig config;
    private final CommittedChanges changes;
    private final ObjectMapper json;
    private final Map<LiveCustomer, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final Refreshes refreshes = new Refreshes();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService senders;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(named("live-heartbeat"));
    private volatile Sse sse;

    /** @param json writes a state as the API's responses do */
    public LiveStreams(MessengerService messenger, LiveConfig config, MetricRegistry metrics, CommittedChanges changes,
                       ObjectMapper json) {
        this.messenger = messenger;
        this.config = config;
        this.changes = changes;
        this.json = json;
        this.senders = Executors.newFixedThreadPool(config.refreshThreads(), named("live-sender"));
        metrics.gauge("live.streams", () -> open::get);
        metrics.gauge("live.refreshes.waiting", () -> refreshes::waiting);
    }

    /**
     * One client's stream, in the order streams opened; {@code lastVersion} is the version it last received,
     * {@code checked} whether a state was compared with it since the stream opened.
     */
    private static final class Stream {
        private static final AtomicLong OPENED = new AtomicLong();
        final SseEventSink sink;
        final long opened = OPENED.incrementAndGet();
        long lastVersion;
        boolean checked;

        Stream(SseEventSink sink, long lastVersion) {
            this.sink = sink;
            this.lastVersion = lastVersion;
        }
    }

    @Override
    public void start() {
        long every = config.heartbeat().toMilliseconds();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        for (int n = 0; n < config.refreshThreads(); n++) {
            senders.execute(this::refreshing);
        }
    }

    @Override
    public void stop() {
        heartbeats.shutdownNow();
        senders.shutdownNow();
        closeAll();
    }

    /** Ends every open stream; clients reconnect (elsewhere) with Last-Event-ID. */
    public void closeAll() {
        streams.forEach((customer, own) -> own.forEach(stream -> close(customer, stream)));
    }

    /**
     * Opens a stream: its headers go out at once, with a comment, then the current state, unless the client
     * already has it ({@code lastEventId}, from {@code Last-Event-ID}, is the current version). An id this
     * service did not give (above the current version) gets the current state too. A customer at the cap
     * of streams has the oldest closed, with a comment saying why: a browser that reloads a page opens a
     * new stream before the old one is seen to be gone.
     */
    public void open(String workspaceId, String customerId, Long lastEventId, SseEventSink sink, Sse sse) {
        this.sse = sse;
        LiveCustomer customer = new LiveCustomer(workspaceId, customerId);
        Stream stream = new Stream(sink, lastEventId == null ? -1 : lastEventId);
        List<Stream> replaced = new ArrayList<>();
        streams.compute(customer, (key, own) -> {
            Set<Stream> set = own == null ? ConcurrentHashMap.newKeySet() : own;
            while (set.size() >= config.maxStreamsPerCustomer()) {
                Stream oldest = set.stream().min(Comparator.comparingLong(s -> s.opened)).orElseThrow();
                set.remove(oldest);
                open.decrementAndGet();
                replaced.add(oldest);
            }
            if (open.incrementAndGet() > config.maxStreams()) {
                open.decrementAndGet();
                throw new ApiException(503, "stream_capacity", "this server holds its maximum of streams; retry shortly");
            }
            if (own == null) {
                // before the first state is read: a change committed after that read is then brought here
                changes.hold(workspaceId, customerId);
            }
            set.add(stream);
            return set;
        });
        replaced.forEach(old -> replaced(customer, old));
        synchronized (stream) {
            deliver(customer, stream, sse.newEventBuilder().comment("open").build());
        }
        refreshes.soon(customer);
    }

    /** Called by the change feed for every change, on its thread: only queue the work. */
    public void changed(StateChange change) {
        if (change.customerId().equals(StateChange.EVERY_CUSTOMER)) {
            refreshes.later(streams.keySet().stream().filter(c -> c.workspaceId().equals(change.workspaceId())).toList());
        } else {
            LiveCustomer customer = new LiveCustomer(change.workspaceId(), change.customerId());
            if (streams.containsKey(customer)) {
                refreshes.soon(customer);
            }
        }
    }

    /** A sender's work: batch after batch of customers, until the replica stops. */
    private void refreshing() {
        try {
            while (true) {
                refresh(refreshes.take(config.refreshBatch()));
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Computes the customers' states, together, and sends each to the customer's streams. The batch is of
     * one workspace. The streams are taken before the states are read: a stream that opens meanwhile waits
     * for its own turn, and so never gets a state older than the one its client reconnected with.
     */
    private void refresh(List<LiveCustomer> batch) {
        Map<String, List<Stream>> held = new HashMap<>();
        batch.forEach(customer -> {
            Set<Stream> own = streams.get(customer);
            if (own != null && !own.isEmpty()) {
                held.put(customer.customerId(), List.copyOf(own));
            }
        });
        if (held.isEmpty()) {
            return;
        }
        String workspaceId = batch.get(0).workspaceId();
        Map<String, MessengerState> states = statesOf(workspaceId, List.copyOf(held.keySet()));
        held.forEach((customerId, own) -> {
            MessengerState state = states.get(customerId);
            if (state != null) {
                LiveCustomer customer = new LiveCustomer(workspaceId, customerId);
                Sent sent = new Sent(state.version(), written(state));
                own.forEach(stream -> send(customer, stream, sent));
            }
        });
    }

    /** The customers' current states, or none (logged) when they cannot be had now, e.g. the database is away. */
    private Map<String, MessengerState> statesOf(String workspaceId, List<String> customerIds) {
        try {
            return messenger.states(workspaceId, customerIds);
        } catch (RuntimeException e) {
            LOG.warn("cannot compute the live states of {} customers of workspace {}: {}", customerIds.size(),
                    workspaceId, e.getMessage());
            return Map.of();
        }
    }

    /** A state's version, and its JSON as the API's responses write it. */
    private record Sent(long version, String json) {
    }

    /**
     * The state's JSON, written once for all of the customer's streams: sent as text, each event then skips
     * the choice of a JSON writer, which was a good part of what a send cost.
     */
    private String written(MessengerState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of customer " + state.customerId(), e);
        }
    }

    private void send(LiveCustomer customer, Stream stream, Sent state) {
        synchronized (stream) {
            if (!stream.checked && stream.lastVersion > state.version()) {
                // an id this service did not give
                stream.lastVersion = -1;
            }
            stream.checked = true;
            if (state.version() <= stream.lastVersion) {
                return;
            }
            stream.lastVersion = state.version();
            OutboundSseEvent event = sse.newEventBuilder()
                    .name("state")
                    .id(Long.toString(state.version()))
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, state.json())
                    .build();
            deliver(customer, stream, event);
        }
    }

    private void heartbeat() {
        Sse current = sse;
        if (current == null) {
            return;
        }
        OutboundSseEvent comment = current.newEventBuilder().comment("heartbeat").build();
        streams.forEach((customer, own) -> own.forEach(stream -> {
            synchronized (stream) {
                deliver(customer, stream, comment);
            }
        }));
    }

    private void deliver(LiveCustomer customer, Stream stream, OutboundSseEvent event) {
        if (stream.sink.isClosed()) {
            close(customer, stream);
            return;
        }
        stream.sink.send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                close(customer, stream);
            }
        });
    }

    /** Closes a stream a newer one of the customer took the place of, saying so first. */
    private void replaced(LiveCustomer customer, Stream stream) {
        synchronized (stream) {
            OutboundSseEvent why = sse.newEventBuilder()
                    .comment("closed: this customer opened more than " + config.maxStreamsPerCustomer()
                            + " streams; the newest replaced this, the oldest")
                    .build();
            stream.sink.send(why).whenComplete((ignored, failure) -> stream.sink.close());
        }
    }

    private void close(LiveCustomer customer, Stream stream) {
        streams.computeIfPresent(customer, (key, own) -> {
            if (own.remove(stream)) {
                open.decrementAndGet();
            }
            if (own.isEmpty()) {
                changes.release(customer.workspaceId(), customer.customerId());
                return null;
            }
            return own;
        });
        stream.sink.close();
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
