package dev.ticketspace.nats;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.store.CommittedChanges;
import dev.ticketspace.store.StateChange;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS transport of committed changes ({@code live.transport: nats}): this replica subscribes to the
 * subject of each customer it holds a stream of, and to each workspace's subject, and to nothing else;
 * the relay publishes every change-log row there. A notice for a subject that repeats one already had
 * (a relay that took over publishes again what JetStream may have had) is dropped: per subject, changes
 * come in the order of the log, as one customer's changes are committed one after the other. When
 * notices may have been missed (NATS was away), every stream is refreshed, as after a settings change.
 */
public final class NatsChanges implements CommittedChanges {
    private static final Logger LOG = LoggerFactory.getLogger(NatsChanges.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final NatsTransport transport;
    private final Subjects subjects;
    private final List<String> workspaceIds;
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    /** The subjects subscribed to, each with the highest seq it brought. */
    private final Map<String, AtomicLong> subscribed = new ConcurrentHashMap<>();
    private final AtomicLong customers = new AtomicLong();
    private final Counter received;
    private final Counter repeats;
    private volatile Dispatcher dispatcher;

    public NatsChanges(NatsTransport transport, Subjects subjects, Collection<String> workspaceIds,
                       MetricRegistry metrics) {
        this.transport = transport;
        this.subjects = subjects;
        this.workspaceIds = List.copyOf(workspaceIds);
        this.received = metrics.counter("live.nats.received");
        this.repeats = metrics.counter("live.nats.repeats");
        metrics.gauge("live.nats.subscriptions", () -> customers::get);
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
        dispatcher = transport.connection().createDispatcher(this::received);
        workspaceIds.forEach(workspaceId -> subscribe(subjects.workspace(workspaceId)));
        transport.onMissed(this::everythingMayHaveChanged);
    }

    @Override
    public void stop() {
        Dispatcher current = dispatcher;
        dispatcher = null;
        if (current != null && current.isActive()) {
            transport.connection().closeDispatcher(current);
        }
    }

    @Override
    public void hold(String workspaceId, String customerId) {
        if (subscribe(subjects.customer(workspaceId, customerId))) {
            customers.incrementAndGet();
        }
    }

    @Override
    public void release(String workspaceId, String customerId) {
        String subject = subjects.customer(workspaceId, customerId);
        Dispatcher current = dispatcher;
        if (subscribed.remove(subject) != null) {
            customers.decrementAndGet();
            if (current != null) {
                current.unsubscribe(subject);
            }
        }
    }

    /** Subscribes to the subject unless this replica already is; answers whether it was not. */
    private boolean subscribe(String subject) {
        if (subscribed.putIfAbsent(subject, new AtomicLong()) != null) {
            return false;
        }
        Dispatcher current = dispatcher;
        if (current != null) {
            current.subscribe(subject);
        }
        return true;
    }

    private void received(Message message) {
        AtomicLong highest = subscribed.get(message.getSubject());
        if (highest == null) {
            return; // released meanwhile
        }
        StateChange change;
        try {
            change = JSON.readValue(message.getData(), StateChange.class);
        } catch (IOException e) {
            LOG.warn("ignoring a message on {} that is not a change: {}", message.getSubject(), e.getMessage());
            return;
        }
        received.inc();
        if (highest.getAndAccumulate(change.seq(), Math::max) >= change.seq()) {
            repeats.inc();
            return;
        }
        listeners.forEach(listener -> listener.accept(change));
    }

    /** After NATS was away: whatever changed meanwhile reaches streams and caches as a settings change would. */
    private void everythingMayHaveChanged() {
        workspaceIds.forEach(workspaceId -> publish(StateChange.committed(workspaceId, StateChange.EVERY_CUSTOMER)));
    }
}
