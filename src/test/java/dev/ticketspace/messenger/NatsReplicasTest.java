package dev.ticketspace.messenger;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.messenger.SseStream.Event;
import dev.ticketspace.nats.Subjects;
import dev.ticketspace.support.AdminMetrics;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.NatsServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.ProcessingException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replicas on one database with {@code live.transport: nats}, on a {@code nats-server} of the test's own
 * (on H2 the replicas are applications in this JVM sharing an in-memory database; on MySQL, one database).
 * The first replica started relays the change log; a change committed through one replica reaches streams
 * held on another through JetStream, each replica subscribing only to the customers it holds streams of.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NatsReplicasTest {
    private static final Duration ACROSS_REPLICAS = Duration.ofSeconds(3);
    private static final String STREAM = "TICKETSPACE_CHANGES";
    private static final Subjects SUBJECTS = new Subjects("ticketspace");
    private static final HttpClient HTTP = SseStream.httpClient(null);
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aChangeReachesStreamsOnAnotherReplicaWhichSubscribesOnlyToTheCustomersItHoldsStreamsOf(Backend backend) {
        try (NatsServer nats = NatsServer.start(); Replicas replicas = new Replicas(backend, "nats_fanout", nats, 2)) {
            Api a = new Api(replicas.get(0), "w37");
            Api b = new Api(replicas.get(1), "w37");
            assertThat(replicas.metrics(1).gauge("live.relay.active")).as("B relays").isZero();
            String x = Api.id("x");
            String y = Api.id("y");
            String ticket = Api.id("t");
            a.apply(ticketCreated(ticket, x, null, 0), ticketCreated(Api.id("t"), y, null, 0));
            String xSubject = SUBJECTS.customer("w37", x);
            String ySubject = SUBJECTS.customer("w37", y);

            try (SseStream xOnB = SseStream.open(HTTP, b.base(), b.token(x));
                 SseStream yOnA = SseStream.open(HTTP, a.base(), a.token(y))) {
                Event first = xOnB.expectEvent(Duration.ofSeconds(10));
                yOnA.expectEvent(Duration.ofSeconds(10));

                assertThat(replicas.metrics(1).gauge("live.nats.subscriptions")).isEqualTo(1);
                assertThat(replicas.metrics(0).gauge("live.nats.subscriptions")).isEqualTo(1);
                List<Set<String>> subscriptions = nats.subscriptionsByConnection();
                assertThat(subscriptions).as("connections subscribed to x, held on B only").filteredOn(s -> s.contains(xSubject))
                        .singleElement().satisfies(onB -> assertThat(onB).doesNotContain(ySubject)
                                .contains(SUBJECTS.workspace("w37")));
                assertThat(subscriptions).as("connections subscribed to y, held on A only").filteredOn(s -> s.contains(ySubject))
                        .singleElement().satisfies(onA -> assertThat(onA).doesNotContain(xSubject));

                Event changed = changeAndAwait(() -> a.apply(stateChanged(ticket, "in_progress", 5)), xOnB,
                        "an event accepted on A, on B");
                assertThat(changed.version()).isGreaterThan(first.version());
                assertThat(changed.json()).isEqualTo(a.state(x).json());

                Event hidden = changeAndAwait(() -> assertThat(a.removeHomeApp("tickets").status()).isEqualTo(200),
                        xOnB, "a settings change on A, on B");
                assertThat(hidden.visible("tickets")).isFalse();
                assertThat(hidden.json()).isEqualTo(b.state(x).json());
            }
            // B finds the stream closed at a heartbeat (1 s) and lets the subject go
            await(Duration.ofSeconds(10), () -> replicas.metrics(1).gauge("live.nats.subscriptions") == 0,
                    "B unsubscribed from x once its stream closed");
            await(Duration.ofSeconds(5), () -> nats.subscriptionsByConnection().stream().noneMatch(s -> s.contains(xSubject)),
                    "no connection subscribed to x on the server");

            // B's cache: a customer B has read, and holds no stream of, changes through A
            String z = Api.id("z");
            String zTicket = Api.id("t");
            a.apply(ticketCreated(zTicket, z, null, 0));
            long cached = b.state(z).json().path("version").asLong();
            assertThat(b.state(z).json().path("version").asLong()).isEqualTo(cached);
            a.apply(stateChanged(zTicket, "resolved", 5));
            Api.Reply fresh = b.state(z);
            assertThat(fresh.json().path("version").asLong()).as("B's read right after the change").isGreaterThan(cached);
            assertThat(fresh.json()).isEqualTo(a.state(z).json());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRelayResumingFromAnOlderPositionStoresNothingTwiceAndDeliversNothingTwice(Backend backend) {
        try (NatsServer nats = NatsServer.start(); Replicas replicas = new Replicas(backend, "nats_resume", nats, 2)) {
            Api a = new Api(replicas.get(0), "w36");
            Api b = new Api(replicas.get(1), "w36");
            List<String> customers = List.of(Api.id("c"), Api.id("c"), Api.id("c"));
            customers.forEach(customer -> a.apply(conversationCreated(customer + "-conv", customer, 0)));
            Jdbi db = Db.of(replicas.get(0));
            long before = lastSeq(db);
            Map<String, SseStream> onB = openStreams(b, customers);
            long received = replicas.metrics(1).counter("live.nats.received");
            try {
                for (int i = 0; i < 15; i++) {
                    String customer = customers.get(i % customers.size());
                    a.apply(message(customer + "-conv", "teammate", i + 1));
                }
                customers.forEach(customer -> awaitVersion(onB.get(customer), a, customer));
                // A stream may reach its last version on an earlier notice, as B reads the state when told of a
                // change, so the last notices may still be on their way: the takeover starts once all are in.
                await(Duration.ofSeconds(10), () -> nats.stored(STREAM).stream()
                        .anyMatch(item -> item.changeSeq() == before + 15), "JetStream holding the 15 changes");
                await(Duration.ofSeconds(10), () -> replicas.metrics(1).counter("live.nats.received") - received >= 15,
                        "B receiving the 15 notices");
                List<NatsServer.Stored> stored = nats.stored(STREAM);

                // The lease taken from A, as by another replica: A stops relaying at its next step.
                db.useHandle(handle -> handle.createUpdate("UPDATE live_relay SET holder = 'elsewhere', expires_at = :until")
                        .bind("until", SQL_TIME.format(Instant.now().plus(Duration.ofHours(1)))).execute());
                await(Duration.ofSeconds(5), () -> replicas.metrics(0).gauge("live.relay.active") == 0, "A stopped relaying");
                long duplicates = replicas.counterSum("live.relay.duplicates");
                long repeats = replicas.metrics(1).counter("live.nats.repeats");
                // ... and handed back as one whose acknowledgements were not recorded: from before the 15 changes.
                db.useHandle(handle -> handle.createUpdate("UPDATE live_relay SET relayed_seq = :seq, expires_at = :past")
                        .bind("seq", before).bind("past", SQL_TIME.format(Instant.EPOCH)).execute());
                await(Duration.ofSeconds(10), () -> replicas.counterSum("live.relay.duplicates") - duplicates >= 15,
                        "the relay that took over published the 15 changes again");

                assertThat(nats.stored(STREAM)).as("what JetStream holds").isEqualTo(stored);
                onB.forEach((customer, stream) -> assertThat(stream.collect(Duration.ofSeconds(1)))
                        .as("events to %s's stream after the relay published again", customer)
                        .noneMatch(item -> item instanceof Event));
                assertThat(replicas.metrics(1).counter("live.nats.repeats") - repeats)
                        .as("notices B dropped as repeats").isEqualTo(15);
            } finally {
                onB.values().forEach(SseStream::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stoppingTheRelayingReplicaMidTrafficLosesNothingAndKeepsEachCustomersOrder(Backend backend) throws Exception {
        try (NatsServer nats = NatsServer.start(); Replicas replicas = new Replicas(backend, "nats_takeover", nats, 3)) {
            Api b = new Api(replicas.get(1), "w35");
            Api c = new Api(replicas.get(2), "w35");
            List<String> customers = List.of(Api.id("c"), Api.id("c"), Api.id("c"), Api.id("c"));
            customers.forEach(customer -> c.apply(conversationCreated(customer + "-conv", customer, 0)));
            Map<String, SseStream> onB = openStreams(b, customers);
            try {
                CountDownLatch midway = new CountDownLatch(1);
                CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 60; i++) {
                        String customer = customers.get(i % customers.size());
                        c.apply(message(customer + "-conv", "teammate", i + 1));
                        if (i == 20) {
                            midway.countDown();
                        }
                        pause(40);
                    }
                });
                assertThat(midway.await(60, TimeUnit.SECONDS)).isTrue();
                replicas.stop(0);
                traffic.get(60, TimeUnit.SECONDS);

                await(Duration.ofSeconds(10), () -> replicas.metrics(1).gauge("live.relay.active")
                        + replicas.metrics(2).gauge("live.relay.active") == 1, "B or C relays");
                customers.forEach(customer -> awaitVersion(onB.get(customer), c, customer));
                assertStoredOncePerRowInOrder(nats, Db.of(replicas.get(1)), "w35");
            } finally {
                onB.values().forEach(SseStream::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void restartingNatsMidTrafficLosesNothingAndKeepsEachCustomersOrder(Backend backend) throws Exception {
        try (NatsServer nats = NatsServer.start(); Replicas replicas = new Replicas(backend, "nats_restart", nats, 2)) {
            Api a = new Api(replicas.get(0), "w34");
            Api b = new Api(replicas.get(1), "w34");
            List<String> customers = List.of(Api.id("c"), Api.id("c"), Api.id("c"));
            customers.forEach(customer -> a.apply(conversationCreated(customer + "-conv", customer, 0)));
            Map<String, SseStream> onB = openStreams(b, customers);
            try {
                CountDownLatch midway = new CountDownLatch(1);
                CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 45; i++) {
                        String customer = customers.get(i % customers.size());
                        a.apply(message(customer + "-conv", "teammate", i + 1));
                        if (i == 10) {
                            midway.countDown();
                        }
                        pause(50);
                    }
                });
                assertThat(midway.await(60, TimeUnit.SECONDS)).isTrue();
                nats.kill();
                pause(1500);
                nats.up();
                traffic.get(60, TimeUnit.SECONDS);

                customers.forEach(customer -> awaitVersion(onB.get(customer), a, customer));
                await(Duration.ofSeconds(10), () -> replicas.metrics(1).counter("live.nats.received") > 0,
                        "B received notices");
                assertStoredOncePerRowInOrder(nats, Db.of(replicas.get(0)), "w34");
            } finally {
                onB.values().forEach(SseStream::close);
            }
        }
    }

    /**
     * Every change-log row of the workspace is in JetStream once, and each customer's in the log's order.
     * The relay may still be on its way to the last rows: a stream can have a customer's newest state from
     * an earlier notice, read after the last change was committed. So the rows get a few seconds to arrive;
     * one lost would still be missing then.
     */
    private static void assertStoredOncePerRowInOrder(NatsServer nats, Jdbi db, String workspaceId) {
        List<Long> rows = db.withHandle(handle -> handle.createQuery(
                "SELECT seq FROM state_changes WHERE workspace_id = :ws ORDER BY seq").bind("ws", workspaceId)
                .mapTo(Long.class).list());
        long waitUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < waitUntil && storedChanges(nats, workspaceId).size() < rows.size()) {
            pause(100);
        }
        List<NatsServer.Stored> stored = storedChanges(nats, workspaceId);
        assertThat(stored).extracting(NatsServer.Stored::changeSeq).as("change seqs in JetStream")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rows);
        Map<String, List<Long>> perSubject = stored.stream().collect(Collectors.groupingBy(NatsServer.Stored::subject,
                LinkedHashMap::new, Collectors.mapping(NatsServer.Stored::changeSeq, Collectors.toList())));
        perSubject.forEach((subject, seqs) -> assertThat(seqs).as("order on %s", subject).isSorted());
    }

    private static List<NatsServer.Stored> storedChanges(NatsServer nats, String workspaceId) {
        return nats.stored(STREAM).stream()
                .filter(message -> message.subject().startsWith("ticketspace.changes." + workspaceId + ".")).toList();
    }

    /** Waits until the stream brought the customer's current version, each version above the one before. */
    private static void awaitVersion(SseStream stream, Api api, String customer) {
        long current = api.state(customer).json().path("version").asLong();
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (last < current) {
            Event event = stream.nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertThat(event).as("%s's stream reaching version %d (at %d)", customer, current, last).isNotNull();
            assertThat(event.version()).as("%s's versions in order", customer).isGreaterThan(last);
            last = event.version();
        }
        assertThat(last).isEqualTo(current);
    }

    private static Map<String, SseStream> openStreams(Api api, List<String> customers) {
        Map<String, SseStream> streams = new LinkedHashMap<>();
        customers.forEach(customer -> {
            SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer));
            stream.expectEvent(Duration.ofSeconds(10));
            streams.put(customer, stream);
        });
        return streams;
    }

    private static Event changeAndAwait(Runnable change, SseStream stream, String what) {
        long started = System.nanoTime();
        change.run();
        Event arrived = stream.nextEvent(ACROSS_REPLICAS.minusNanos(System.nanoTime() - started));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(arrived).as("%s within %d ms (nothing after %d ms)", what, ACROSS_REPLICAS.toMillis(), millis).isNotNull();
        System.out.printf("nats replicas: %s in %d ms%n", what, millis);
        return arrived;
    }

    private static long lastSeq(Jdbi db) {
        return db.withHandle(handle -> handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM state_changes")
                .mapTo(Long.class).one());
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("%s within %d ms", what, timeout.toMillis()).isTrue();
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Replicas on one new database with the NATS transport; the first, started alone, relays. */
    private static final class Replicas implements AutoCloseable {
        private final Backend backend;
        private final String url;
        private final List<DropwizardAppExtension<TicketspaceConfiguration>> apps = new ArrayList<>();
        private final Set<Integer> stopped = new HashSet<>();

        Replicas(Backend backend, String suffix, NatsServer nats, int count) {
            this.backend = backend;
            this.url = Db.privateDatabase(backend, suffix);
            Map<String, String> settings = Map.of("live.transport", "nats", "live.nats.url", nats.url(),
                    "live.heartbeat", "1s", "live.nats.relayLease", "2s");
            for (int i = 0; i < count; i++) {
                DropwizardAppExtension<TicketspaceConfiguration> app = backend.newApp(url, settings);
                try {
                    app.before();
                } catch (Exception e) {
                    close();
                    throw new IllegalStateException("replica " + i + " did not start", e);
                }
                apps.add(app);
                warmUp(app);
                int replica = i;
                // the warm-up's stream is let go at a heartbeat: until then its customer is subscribed to
                await(Duration.ofSeconds(10), () -> metrics(replica).gauge("live.nats.subscriptions") == 0,
                        "replica " + i + " let go of the warm-up stream");
                if (i == 0) {
                    await(Duration.ofSeconds(10), () -> metrics(0).gauge("live.relay.active") == 1, "the first replica relays");
                }
            }
        }

        /**
         * The first request to a replica pays for the rules' first run and the JIT: on a busy machine more than
         * the test client's read timeout, so it is tried again (the server finishes the first meanwhile).
         */
        private static void warmUp(DropwizardAppExtension<TicketspaceConfiguration> app) {
            for (int attempt = 1; ; attempt++) {
                try {
                    SseStream.warmUp(HTTP, new Api(app, "demo"));
                    return;
                } catch (ProcessingException e) {
                    if (attempt == 5) {
                        throw e;
                    }
                }
            }
        }

        DropwizardAppExtension<TicketspaceConfiguration> get(int replica) {
            return apps.get(replica);
        }

        AdminMetrics metrics(int replica) {
            return new AdminMetrics(HTTP, apps.get(replica));
        }

        /** A counter summed over the replicas still running. */
        long counterSum(String name) {
            long sum = 0;
            for (int i = 0; i < apps.size(); i++) {
                if (!stopped.contains(i)) {
                    sum += metrics(i).counter(name);
                }
            }
            return sum;
        }

        void stop(int replica) {
            stopped.add(replica);
            apps.get(replica).after();
        }

        @Override
        public void close() {
            for (int i = apps.size() - 1; i >= 0; i--) {
                if (stopped.add(i)) {
                    apps.get(i).after();
                }
            }
            Db.dropForOwnApp(backend, url);
        }
    }
}
