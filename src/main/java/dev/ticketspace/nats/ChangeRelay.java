package dev.ticketspace.nats;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ticketspace.store.ChangeLogPruner;
import dev.ticketspace.store.ChangeLogReads;
import dev.ticketspace.store.ChangeLogTail;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateChangeDao;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the change log to NATS JetStream, on the one replica that holds the relay's lease
 * ({@code live_relay}); every replica on the NATS transport runs one, and the others try for the lease
 * once a second. The holder tails the log as the database transport does, publishes each row on its
 * subject with {@code Nats-Msg-Id} = the log's id and its seq, waits for JetStream's acknowledgements, and renews the lease
 * with how far they reach. A relay that takes over, or starts again, resumes from there: rows JetStream
 * already had come again with their ids and JetStream drops them (within its duplicate window), so a
 * second relay for a moment (a lease taken over from a paused holder) stores nothing twice either.
 * The holder also prunes the log, never beyond what JetStream acknowledged.
 */
public final class ChangeRelay implements Managed {
    /** Within it JetStream drops a message whose id it had: longer than any relay takes to resume. */
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    private static final Duration TAKEOVER_TRIES = Duration.ofSeconds(1);
    private static final Duration ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRelay.class);

    private final Jdbi jdbi;
    private final NatsTransport transport;
    private final Subjects subjects;
    private final NatsConfig config;
    private final Duration pollInterval;
    private final Duration retention;
    private final Clock clock;
    private final String holder;
    private final ChangeLogPruner pruner;
    private final ChangeLogReads reads;
    private final Counter published;
    private final Counter duplicates;
    private final ScheduledExecutorService relay = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "change-relay"));
    /** The tail this replica relays from while it holds the lease; null while another one does. */
    private volatile ChangeLogTail tail;
    /** The change log's name in message ids ({@code live_relay.log_id}). */
    private String logId;
    /** Every change up to here is in JetStream. */
    private volatile long acknowledged;
    private boolean streamReady;
    private Instant nextTry = Instant.EPOCH;
    private boolean failing;

    /** @param holder this replica, as the lease names it */
    public ChangeRelay(Jdbi jdbi, NatsTransport transport, Subjects subjects, NatsConfig config, Duration pollInterval,
                       Duration retention, Clock clock, String holder, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.transport = transport;
        this.subjects = subjects;
        this.config = config;
        this.pollInterval = pollInterval;
        this.retention = retention;
        this.clock = clock;
        this.holder = holder;
        this.pruner = new ChangeLogPruner(jdbi, retention, clock);
        this.reads = ChangeLogReads.in(metrics);
        this.published = metrics.counter("live.relay.published");
        this.duplicates = metrics.counter("live.relay.duplicates");
        metrics.gauge("live.relay.active", () -> () -> tail == null ? 0 : 1);
        metrics.gauge("live.relay.acknowledged", () -> () -> acknowledged);
    }

    @Override
    public void start() {
        relay.scheduleWithFixedDelay(this::stepSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands the lease on at once, with how far JetStream acknowledged, so that another replica resumes there. */
    @Override
    public void stop() throws InterruptedException {
        relay.shutdownNow();
        relay.awaitTermination(5, TimeUnit.SECONDS);
        if (tail != null) {
            try {
                if (jdbi.withExtension(RelayLeaseDao.class, lease -> lease.renew(holder, Instant.EPOCH, acknowledged)) == 1) {
                    LOG.info("handed the relay lease on at seq {}", acknowledged);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not hand the relay lease on; another replica takes it when it expires: {}",
                        ExceptionUtils.getRootCauseMessage(e));
            }
        }
    }

    private void stepSafely() {
        try {
            step();
            if (failing) {
                failing = false;
                LOG.info("relaying again from seq {}", acknowledged);
            }
        } catch (RuntimeException | IOException | JetStreamApiException | TimeoutException | ExecutionException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot relay the change log to NATS, retrying every {} ms: {}", pollInterval.toMillis(),
                        ExceptionUtils.getRootCauseMessage(e));
            }
            if (tail != null) {
                // What was not acknowledged is published again; JetStream drops what it had after all. The
                // stream is checked again too: a server that lost its store (or a new one) lacks it.
                tail = new ChangeLogTail(jdbi, clock, acknowledged, reads);
                streamReady = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void step() throws IOException, JetStreamApiException, InterruptedException, ExecutionException, TimeoutException {
        Instant now = clock.instant();
        if (tail == null) {
            if (now.isBefore(nextTry)) {
                return;
            }
            nextTry = now.plus(TAKEOVER_TRIES);
            if (!takeLease(now)) {
                return;
            }
        } else if (jdbi.withExtension(RelayLeaseDao.class,
                lease -> lease.renew(holder, now.plus(config.relayLease().toJavaDuration()), acknowledged)) == 0) {
            LOG.warn("another replica took the relay lease over; this one stops relaying at seq {}", acknowledged);
            tail = null;
            return;
        }
        if (!streamReady) {
            defineStream();
            streamReady = true;
        }
        ChangeLogTail current = tail;
        publish(current.poll());
        acknowledged = current.cursor();
        pruner.prune(acknowledged);
    }

    private record Position(String logId, long from) {
    }

    private boolean takeLease(Instant now) {
        Position position = jdbi.inTransaction(handle -> {
            RelayLeaseDao lease = handle.attach(RelayLeaseDao.class);
            if (lease.acquire(holder, now, now.plus(config.relayLease().toJavaDuration())) == 0) {
                return null;
            }
            lease.nameLog(UUID.randomUUID().toString());
            long relayed = lease.relayed();
            return new Position(lease.logId(), relayed >= 0 ? relayed : handle.attach(StateChangeDao.class).lastSeq());
        });
        if (position == null) {
            return false;
        }
        long from = position.from();
        logId = position.logId();
        acknowledged = from;
        tail = new ChangeLogTail(jdbi, clock, from, reads);
        streamReady = false;
        LOG.info("this replica relays the change log to NATS JetStream, from seq {}", from);
        return true;
    }

    /** Makes the stream, or brings an existing one to this configuration. */
    private void defineStream() throws IOException, JetStreamApiException {
        StreamConfiguration stream = StreamConfiguration.builder()
                .name(config.stream())
                .subjects(subjects.all())
                .storageType(StorageType.File)
                .replicas(config.streamReplicas())
                .maxAge(retention)
                .duplicateWindow(retention.compareTo(DUPLICATE_WINDOW) < 0 ? retention : DUPLICATE_WINDOW)
                .build();
        JetStreamManagement management = transport.connection().jetStreamManagement();
        try {
            management.getStreamInfo(config.stream());
            management.updateStream(stream);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            management.addStream(stream);
        }
    }

    /** Publishes the changes in order and waits until JetStream acknowledged every one. */
    private void publish(List<StateChange> changes)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        if (changes.isEmpty()) {
            return;
        }
        JetStream jetStream = transport.connection().jetStream();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(changes.size());
        for (StateChange change : changes) {
            acks.add(jetStream.publishAsync(subjects.of(change), body(change), PublishOptions.builder()
                    .expectedStream(config.stream()).messageId(logId + ":" + change.seq()).build()));
        }
        long deadline = System.nanoTime() + ACKNOWLEDGEMENT_WAIT.toNanos();
        for (CompletableFuture<PublishAck> ack : acks) {
            if (ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).isDuplicate()) {
                duplicates.inc();
            } else {
                published.inc();
            }
        }
    }

    private static byte[] body(StateChange change) {
        try {
            return NatsChanges.JSON.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write change " + change.seq(), e);
        }
    }
}
