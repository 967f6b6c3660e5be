package dev.ticketspace.messenger;

import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.messenger.SseStream.Event;
import dev.ticketspace.support.AdminMetrics;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two replicas on different ports sharing one MySQL database, the shared MySQL application (A) and
 * a second one started here on the same database (B), both polling the change log every 250 ms (the
 * default; B's configuration differs only in its heartbeat): a change made through one replica reaches
 * streams held on the other within 2 s.
 */
@Timeout(30)
class LiveReplicasTest {
    private static final Duration ACROSS_REPLICAS = Duration.ofSeconds(2);
    private static final HttpClient HTTP = SseStream.httpClient(null);

    private static final String RULES = "machinery";
    private static DropwizardAppExtension<TicketspaceConfiguration> replicaB;

    private static DropwizardAppExtension<TicketspaceConfiguration> replicaA() {
        return FixtureRules.app(RULES, Backend.MYSQL);
    }

    @BeforeAll
    static void startSecondReplica() throws Exception {
        // Replica A serves the fixture rules (streams carry what rules decide; the shipped rules' decisions
        // are specified by the scenarios). B has A's database and rules.
        TicketspaceConfiguration a = replicaA().getConfiguration();
        // A heartbeat every second: B soon notices clients that left, and stops without waiting for them.
        replicaB = Backend.MYSQL.newApp(a.getDatabase().getUrl(), Map.of("rules.directory", FixtureRules.directory(RULES),
                "live.heartbeat", "1s"));
        replicaB.before();
        assertThat(a.getLive().pollInterval().toMilliseconds()).isEqualTo(250);
        assertThat(replicaB.getConfiguration().getLive().pollInterval().toMilliseconds()).isEqualTo(250);
        assertThat(replicaB.getLocalPort()).isNotEqualTo(replicaA().getLocalPort());
        SseStream.warmUp(HTTP, FixtureRules.demo(RULES, Backend.MYSQL));
        SseStream.warmUp(HTTP, new Api(replicaB, "demo"));
    }

    @AfterAll
    static void stopSecondReplica() {
        if (replicaB != null) {
            try {
                // streams still held would keep the server's graceful stop waiting for them
                new AdminMetrics(HTTP, replicaB).awaitNoOpenStreams(Duration.ofSeconds(10));
            } finally {
                replicaB.after();
            }
        }
    }

    /** A customer with one shared ticket they have read: Home badge 0 (the fixture's badge of unread tickets). */
    private static String customerWithReadTicket(Api api, String ticketId) {
        String customer = Api.id("c");
        api.apply(ticketCreated(ticketId, customer, null, 0), ticketRead(ticketId, 1));
        return customer;
    }

    /** Posts the event through one replica and answers the event it brings on the stream, timed from the post. */
    private static Event changeAndAwait(Api through, String event, SseStream stream, String what) {
        long posted = System.nanoTime();
        through.apply(event);
        Event arrived = stream.nextEvent(ACROSS_REPLICAS.minusNanos(System.nanoTime() - posted));
        long millis = (System.nanoTime() - posted) / 1_000_000;
        assertThat(arrived).as("%s within %d ms (nothing after %d ms)", what, ACROSS_REPLICAS.toMillis(), millis)
                .isNotNull();
        System.out.printf("live replicas: %s in %d ms%n", what, millis);
        return arrived;
    }

    @Test
    void anEventPostedToOneReplicaReachesAStreamHeldOnTheOther() {
        Api a = FixtureRules.demo(RULES, Backend.MYSQL);
        Api b = new Api(replicaB, "demo");
        String ticket = Api.id("t");
        String customer = customerWithReadTicket(a, ticket);

        try (SseStream onB = SseStream.open(HTTP, b.base(), b.token(customer));
             SseStream onA = SseStream.open(HTTP, a.base(), a.token(customer))) {
            Event first = onB.expectEvent(Duration.ofSeconds(3));
            assertThat(first.badge("home")).isZero();
            assertThat(onA.expectEvent(Duration.ofSeconds(3)).id()).isEqualTo(first.id());

            Event changed = changeAndAwait(a, stateChanged(ticket, "in_progress", 5), onB, "an event posted to A on B");
            assertThat(changed.name()).isEqualTo("state");
            assertThat(changed.badge("home")).isEqualTo(1);
            assertThat(changed.json()).isEqualTo(a.state(customer).json());
            assertThat(onA.expectEvent(Duration.ofSeconds(3)).id()).isEqualTo(changed.id());

            // and the other way round
            Event back = changeAndAwait(b, ticketRead(ticket, 6), onA, "an event posted to B on A");
            assertThat(back.badge("home")).isZero();
            assertThat(back.version()).isGreaterThan(changed.version());
            assertThat(onB.expectEvent(Duration.ofSeconds(3)).id()).isEqualTo(back.id());
        }
    }

    @Test
    void aSettingsChangeThroughOneReplicaReachesStreamsOnTheOther() {
        Api a = Api.isolated(replicaA());
        Api b = new Api(replicaB, a.workspaceId());
        String customer = Api.id("c");
        a.apply(ticketCreated(Api.id("t"), customer, null, 0));

        try (SseStream onB = SseStream.open(HTTP, b.base(), b.token(customer))) {
            assertThat(onB.expectEvent(Duration.ofSeconds(3)).visible("tickets")).isTrue();

            long removed = System.nanoTime();
            assertThat(a.removeHomeApp("tickets").status()).isEqualTo(200);
            Event hidden = onB.nextEvent(ACROSS_REPLICAS.minusNanos(System.nanoTime() - removed));
            assertThat(hidden).as("the settings change within %d ms", ACROSS_REPLICAS.toMillis()).isNotNull();
            System.out.printf("live replicas: a settings change on A reached B in %d ms%n",
                    (System.nanoTime() - removed) / 1_000_000);
            assertThat(hidden.visible("tickets")).isFalse();
            assertThat(hidden.json()).isEqualTo(b.state(customer).json());
        }
    }

    @Test
    void aClientResumingOnTheOtherReplicaGetsWhatChangedMeanwhile() {
        Api a = FixtureRules.demo(RULES, Backend.MYSQL);
        Api b = new Api(replicaB, "demo");
        String ticket = Api.id("t");
        String customer = customerWithReadTicket(a, ticket);

        String seen;
        try (SseStream onA = SseStream.open(HTTP, a.base(), a.token(customer))) {
            seen = onA.expectEvent(Duration.ofSeconds(3)).id();
        }
        a.apply(stateChanged(ticket, "in_progress", 5));

        try (SseStream onB = SseStream.open(HTTP, b.base(), b.token(customer), seen, false)) {
            Event event = onB.expectEvent(Duration.ofSeconds(3));
            assertThat(Long.parseLong(event.id())).isGreaterThan(Long.parseLong(seen));
            assertThat(event.badge("home")).isEqualTo(1);
        }
    }

    @Test
    void aStreamTicketIssuedByOneReplicaOpensOneStreamOnTheOther() {
        Api a = FixtureRules.demo(RULES, Backend.MYSQL);
        Api b = new Api(replicaB, "demo");
        String customer = customerWithReadTicket(a, Api.id("t"));
        Api.Reply issued = a.asCustomer(customer, "POST", "/api/v1/messenger/stream-tickets");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String ticket = issued.json().get("ticket").asText();

        try (SseStream onB = SseStream.openWithTicket(HTTP, b.base(), ticket)) {
            assertThat(onB.expectEvent(Duration.ofSeconds(3)).json().get("customerId").asText()).isEqualTo(customer);
        }
        try (SseStream again = SseStream.openWithTicket(HTTP, a.base(), ticket)) {
            assertThat(again.status()).as("the ticket, used on the other replica, on the one that issued it")
                    .isEqualTo(401);
        }
    }

    /**
     * A read on B right after a change accepted by A sees it, though B learns of the change from the
     * change log only later, and though B answers the version look-ups of many reads together (here, a
     * few clients reading other customers at once); and no client's reads ever go back to an older state.
     */
    @Test
    void aReadOnTheOtherReplicaAmongManySeesEveryChangeAcceptedBeforeIt() throws Exception {
        Api a = FixtureRules.demo(RULES, Backend.MYSQL);
        Api b = new Api(replicaB, "demo");
        List<String> customers = new ArrayList<>();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tickets.add(Api.id("t"));
            customers.add(customerWithReadTicket(a, tickets.get(i)));
        }
        AtomicBoolean changing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int first = r;
                reads.add(readers.submit(() -> readInTurn(b, customers, first, changing)));
            }
            List<String> categories = List.of("in_progress", "waiting_on_customer");
            for (int change = 0; change < 24; change++) {
                int customer = change % customers.size();
                long before = version(b, customers.get(customer));
                a.apply(stateChanged(tickets.get(customer), categories.get(change / customers.size() % 2), 5 + change));
                assertThat(version(b, customers.get(customer))).as("B's read right after change %d on A", change)
                        .isGreaterThan(before);
            }
            changing.set(false);
            for (Future<Integer> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS)).as("reads made on B meanwhile").isPositive();
            }
        } finally {
            readers.shutdownNow();
        }
    }

    /** Reads the customers' states in turn until the changes end, failing if a version goes back; how many. */
    private static int readInTurn(Api api, List<String> customers, int first, AtomicBoolean changing) {
        Map<String, Long> seen = new HashMap<>();
        int reads = 0;
        for (int i = first; changing.get(); i++) {
            String customer = customers.get(i % customers.size());
            long version = version(api, customer);
            assertThat(version).as("a later read of %s", customer).isGreaterThanOrEqualTo(seen.getOrDefault(customer, 0L));
            seen.put(customer, version);
            reads++;
        }
        return reads;
    }

    private static long version(Api api, String customer) {
        Api.Reply reply = api.state(customer);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("version").asLong();
    }
}
