package dev.ticketspace.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.messenger.SseStream.Event;
import dev.ticketspace.support.AdminMetrics;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Events;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many streams on one instance of its own (H2), heartbeat every second: hundreds of streams of many
 * customers are opened, served and dropped by their clients, and the server lets go of all of them —
 * the {@code live.streams} gauge, threads and database connections come back; a customer over the cap
 * has its oldest stream closed, a replica over its cap answers 503. Its gzip exclusion list is one of its own (which replaces
 * Jetty's defaults): event streams still come uncompressed, or at least not held back.
 */
@Timeout(45)
class LiveStreamCapacityTest {
    private static final int CUSTOMERS = 100;
    private static final int PER_CUSTOMER = 5;
    private static final int STREAMS = CUSTOMERS * PER_CUSTOMER;
    private static final int REFRESH_BATCH = 7;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A dropped client is noticed when a heartbeat to it fails: within a few heartbeats. */
    private static final Duration FEW_HEARTBEATS = Duration.ofSeconds(6);
    /** The promise, 2 s, plus a margin for a loaded machine. */
    private static final Duration TWO_SECONDS_AND_A_MARGIN = Duration.ofSeconds(3);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static DropwizardAppExtension<TicketspaceConfiguration> app;
    private static Api api;
    private static ExecutorService clientThreads;
    private static HttpClient http;
    private static AdminMetrics metrics;
    private final List<SseStream> streams = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        app = Backend.H2.newApp(Backend.H2.freshDatabaseUrl(),
                ConfigOverride.config("live.heartbeat", HEARTBEAT.toSeconds() + "s"),
                ConfigOverride.config("live.maxStreams", Integer.toString(STREAMS)),
                ConfigOverride.config("live.maxStreamsPerCustomer", Integer.toString(PER_CUSTOMER)),
                // many batches for a workspace-wide change of CUSTOMERS customers
                ConfigOverride.config("live.refreshBatch", Integer.toString(REFRESH_BATCH)),
                // a gzip exclusion list of its own replaces Jetty's defaults (which keep event streams uncompressed)
                ConfigOverride.config("server.gzip.excludedMimeTypes", "image/png"));
        app.before();
        api = new Api(app, "demo");
        // the client's own threads are fixed and started up front, so that the JVM's thread count
        // measures the server
        clientThreads = Executors.newFixedThreadPool(4);
        ((ThreadPoolExecutor) clientThreads).prestartAllCoreThreads();
        http = SseStream.httpClient(clientThreads);
        metrics = new AdminMetrics(http, app);
        SseStream.warmUp(http, api);
        waitFor(FEW_HEARTBEATS, () -> openStreamsGauge() == 0, "the warm-up stream to be let go");
    }

    @AfterAll
    static void stop() {
        try {
            if (metrics != null) {
                // streams still held would keep the server's graceful stop waiting for them
                metrics.awaitNoOpenStreams(FEW_HEARTBEATS);
            }
        } finally {
            if (app != null) {
                app.after();
            }
            if (clientThreads != null) {
                clientThreads.shutdownNow();
            }
        }
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(SseStream::close);
        streams.clear();
        // The server notices closed clients at its next heartbeat: start each test from none.
        waitFor(FEW_HEARTBEATS, () -> openStreamsGauge() == 0, "the closed streams to be let go");
    }

    private SseStream open(String customer) {
        SseStream stream = SseStream.open(http, api.base(), api.token(customer));
        streams.add(stream);
        return stream;
    }

    @Test
    void hundredsOfStreamsAreServedAndLetGoWhenTheirClientsLeave() {
        int baselineThreads = THREADS.getThreadCount();
        int baselineOwnThreads = threadsOutsideRequestPool();
        long started = System.nanoTime();

        List<String> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(Api.id("many"));
        }
        // opened 50 at a time, each answered with the current state at once
        for (int batch = 0; batch < STREAMS; batch += 50) {
            List<SseStream> opened = new ArrayList<>();
            for (int i = batch; i < batch + 50; i++) {
                opened.add(open(customers.get(i % CUSTOMERS)));
            }
            for (SseStream stream : opened) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.expectEvent(Duration.ofSeconds(10)).name()).isEqualTo("state");
            }
        }
        long openedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(openStreamsGauge()).isEqualTo(STREAMS);
        // no thread is held per stream: the request pool is idle and the JVM did not grow by one per stream
        int openThreads = THREADS.getThreadCount();
        assertThat(busyRequestThreads()).as("request threads busy while %d streams are open", STREAMS)
                .isLessThanOrEqualTo(1);
        assertThat(openThreads).as("JVM threads with %d streams open (%d before)", STREAMS, baselineThreads)
                .isLessThan(baselineThreads + STREAMS / 4);

        // the replica is full: one more stream is refused, and answering that holds nothing
        try (SseStream refused = SseStream.open(http, api.base(), api.token(Api.id("one-too-many")))) {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.head().header("Content-Type")).startsWith("application/json");
            assertThat(refused.jsonBody().get("code").asText()).isEqualTo("stream_capacity");
        }
        assertThat(openStreamsGauge()).isEqualTo(STREAMS);

        // with every stream open, a change still reaches all streams of its customer
        String customer = customers.get(7);
        api.apply(Events.ticketCreated(Api.id("t"), customer, null, 0));
        for (int i = 7; i < STREAMS; i += CUSTOMERS) {
            Event event = streams.get(i).expectEvent(Duration.ofSeconds(5));
            assertThat(event.badge("tickets")).isEqualTo(1);
        }

        // every client leaves
        long closing = System.nanoTime();
        closeStreams();
        waitFor(FEW_HEARTBEATS, () -> openStreamsGauge() == 0,
                "the live.streams gauge to come back to 0 after all clients left");
        long letGoMillis = (System.nanoTime() - closing) / 1_000_000;
        // Jetty's request pool may keep the idle threads it grew (until server.idleThreadTimeout): none
        // may be busy; every other thread of the JVM comes back to its baseline, but for the four
        // live-sender threads, which start with the server
        waitFor(Duration.ofSeconds(5), () -> busyRequestThreads() <= 1
                        && threadsOutsideRequestPool() <= baselineOwnThreads + 6,
                "threads to come back near the baseline: " + baselineOwnThreads + " outside the request pool");
        System.out.printf("live streams: %d opened in %d ms; JVM threads %d before, %d with all open, %d after "
                        + "(outside the request pool %d before, %d after); gauge at 0 %d ms after the clients left%n",
                STREAMS, openedMillis, baselineThreads, openThreads, THREADS.getThreadCount(), baselineOwnThreads,
                threadsOutsideRequestPool(), letGoMillis);

        // nothing held on to: no database connection in use, and the server still serves
        waitFor(Duration.ofSeconds(5), () -> databaseConnectionsInUse() == 0, "database connections to be returned");
        assertThat(api.state(customer).status()).isEqualTo(200);
        try (SseStream again = open(customer)) {
            assertThat(again.expectEvent(Duration.ofSeconds(5)).badge("tickets")).isEqualTo(1);
        }
    }

    @Test
    void workspaceWideChangesReachEveryStreamOnceWithTheNewestStateAndABoundedBacklog() {
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(Api.id("wide"));
            assertThat(open(customers.get(c)).expectEvent(Duration.ofSeconds(10)).name()).isEqualTo("state");
        }
        String own = customers.get(CUSTOMERS / 2);

        // settings changes one after the other, each concerning every customer, and one customer's own change
        int changes = 4;
        for (int n = 0; n < changes; n++) {
            assertThat(api.addHomeApp("wide-" + n).status()).isEqualTo(200);
            assertThat(refreshesWaiting()).as("customers waiting for a refresh").isLessThanOrEqualTo(CUSTOMERS);
        }
        api.apply(Events.ticketCreated(Api.id("t"), own, null, 0));
        int waitingMost = refreshesWaiting();

        // every stream ends at its customer's current state, in increasing versions, at most one event a change
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = customers.get(c);
            long current = api.state(customer).json().get("version").asLong();
            SseStream stream = streams.get(c);
            List<Long> versions = new ArrayList<>();
            while (versions.isEmpty() || versions.get(versions.size() - 1) < current) {
                versions.add(stream.expectEvent(Duration.ofSeconds(10)).version());
                waitingMost = Math.max(waitingMost, refreshesWaiting());
            }
            assertThat(versions).as("versions sent to %s", customer).isSorted().doesNotHaveDuplicates()
                    .endsWith(current).hasSizeLessThanOrEqualTo(customer.equals(own) ? changes + 1 : changes);
        }
        assertThat(streams.get(CUSTOMERS / 2).collect(Duration.ofMillis(500)))
                .as("nothing after the newest state").noneMatch(Event.class::isInstance);
        assertThat(waitingMost).as("customers waiting for a refresh, at most").isLessThanOrEqualTo(CUSTOMERS);
        waitFor(Duration.ofSeconds(5), () -> refreshesWaiting() == 0, "the refreshes to be worked through");
        for (int n = 0; n < changes; n++) {
            assertThat(api.removeHomeApp("wide-" + n).status()).isEqualTo(200);
        }
    }

    @Test
    void aSixthStreamOfACustomerClosesTheOldestSayingWhyAndAClosedStreamIsLetGoWithinTwoSeconds() {
        String customer = Api.id("eager");
        for (int i = 0; i < PER_CUSTOMER; i++) {
            assertThat(open(customer).expectEvent(Duration.ofSeconds(5)).name()).isEqualTo("state");
        }
        SseStream oldest = streams.get(0);

        SseStream sixth = open(customer);
        assertThat(sixth.status()).as("a browser that reloads is never locked out").isEqualTo(200);
        assertThat(sixth.expectEvent(Duration.ofSeconds(5)).name()).isEqualTo("state");
        assertThat(oldest.collect(Duration.ofSeconds(2))).as("the oldest stream is told why it ends")
                .anyMatch(item -> item instanceof SseStream.Comment comment && comment.text().startsWith("closed:"));
        waitFor(Duration.ofSeconds(3), () -> openStreamsGauge() == PER_CUSTOMER, "the customer's cap of streams");
        // another customer is not held up by it
        assertThat(open(Api.id("other")).expectEvent(Duration.ofSeconds(5)).name()).isEqualTo("state");

        // a stream whose client left frees its slot within two heartbeats of a second
        streams.remove(streams.size() - 1).close();
        long closed = System.nanoTime();
        waitFor(TWO_SECONDS_AND_A_MARGIN, () -> openStreamsGauge() == PER_CUSTOMER, "the closed stream to be let go");
        System.out.printf("live streams: a closed stream was let go %d ms after its client left (heartbeat %d ms)%n",
                (System.nanoTime() - closed) / 1_000_000, HEARTBEAT.toMillis());
    }

    @Test
    void withAGzipExclusionListOfItsOwnEventsAreNotHeldBackByCompression() {
        assertThat(((AbstractServerFactory) app.getConfiguration().getServerFactory()).getGzipFilterFactory()
                .getExcludedMimeTypes()).contains("image/png");
        String customer = Api.id("gzip");
        String ticket = Api.id("t");
        api.apply(Events.ticketCreated(ticket, customer, null, 0), Events.ticketRead(ticket, 1));

        SseStream stream = SseStream.open(http, api.base(), api.token(customer), null, true);
        streams.add(stream);
        assertThat(stream.status()).isEqualTo(200);
        SseStream.Event first = stream.expectEvent(Duration.ofSeconds(3));
        api.apply(Events.stateChanged(ticket, "in_progress", 5));
        // what the rules make of the change is theirs; that it arrives at once is the stream's
        SseStream.Event next = stream.expectEvent(Duration.ofSeconds(3));
        assertThat(next.name()).isEqualTo("state");
        assertThat(next.version()).isGreaterThan(first.version());
    }

    // the admin port's metrics

    private static int openStreamsGauge() {
        return metrics.openStreams();
    }

    /** Customers waiting for their state to be computed and sent to their streams. */
    private static int refreshesWaiting() {
        return (int) metrics.gauge("live.refreshes.waiting");
    }

    /** The {@code database} pool's active connections (io.dropwizard.db.ManagedPooledDataSource.database.active). */
    private static int databaseConnectionsInUse() {
        JsonNode gauges = metrics.gauges();
        for (var names = gauges.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.endsWith(".database.active")) {
                return gauges.get(name).path("value").asInt();
            }
        }
        throw new AssertionError("no gauge *.database.active on /metrics: " + gauges.toString().substring(0, 500));
    }

    /** Busy threads of Jetty's application request pool ({@code dw}): size times utilization. */
    private static int busyRequestThreads() {
        JsonNode gauges = metrics.gauges();
        JsonNode size = gauges.path("org.eclipse.jetty.util.thread.QueuedThreadPool.dw.size").path("value");
        JsonNode utilization = gauges.path("org.eclipse.jetty.util.thread.QueuedThreadPool.dw.utilization").path("value");
        assertThat(size.isNumber() && utilization.isNumber()).as("request pool gauges on /metrics").isTrue();
        return (int) Math.round(size.asDouble() * utilization.asDouble());
    }

    /** Threads of the JVM but those of the application's request pool (named dw-<n>). */
    private static int threadsOutsideRequestPool() {
        return (int) Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
                .filter(java.util.Objects::nonNull)
                .filter(info -> !info.getThreadName().matches("dw-\\d+.*"))
                .count();
    }

    private static String threadGroups() {
        Map<String, Long> groups = new TreeMap<>(Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(info -> info.getThreadName().replaceAll("[-#\\s]*\\d+.*$", ""),
                        Collectors.counting())));
        return groups.toString();
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what
                        + "; gauge live.streams " + openStreamsGauge() + ", request threads busy "
                        + busyRequestThreads() + ", threads " + THREADS.getThreadCount() + " " + threadGroups());
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
