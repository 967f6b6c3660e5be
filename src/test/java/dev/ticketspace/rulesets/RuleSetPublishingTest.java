package dev.ticketspace.rulesets;

import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Publication across replicas: three replicas on one database, A and B good, C one whose builds of
 * published sets fail (as an older release's would, lacking a field the set uses). A version published
 * through A (built ahead by every replica once made) is served by B within 5 s, under read and event load
 * with no failed request, the customers' state version growing; C keeps the last good set, never serving a mix, with a failing health check;
 * publishing the earlier version again rolls every replica back and heals C.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RuleSetPublishingTest {
    private static final Duration SWITCH = Duration.ofSeconds(5);
    /** Between two reads of one reader; events go five times slower. */
    private static final Duration PACE = Duration.ofMillis(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A replica whose builds of published versions after the first fail, as an older release's would. */
    public static final class BrokenBuilds extends TicketspaceApplication {
        @Override
        protected RuleSetBuilder ruleSetBuilder() {
            return (version, drl) -> {
                if (version == 1) {
                    return RuleSetBuilder.COMPILER.build(version, drl);
                }
                Map<String, String> unknownField = new HashMap<>(drl);
                unknownField.put("newer.drl", """
                        package ticketspace.rules;

                        import dev.ticketspace.rules.facts.*;

                        rule "Uses a field this release does not have"
                        when
                            Ticket(priority == 1)
                        then
                        end
                        """);
                return RuleSetBuilder.COMPILER.build(version, unknownField);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPublicationReachesEveryReplicaUnderLoadAndAnEarlierOneRollsBack(Backend backend) throws Exception {
        String url = Db.privateDatabase(backend, "publishing");
        Map<String, String> settings = Map.of("rules.directory", FixtureRules.directory("publish"));
        DropwizardAppExtension<TicketspaceConfiguration> replicaA = backend.newApp(url, settings);
        Apps.start(replicaA);
        DropwizardAppExtension<TicketspaceConfiguration> replicaB = backend.newApp(url, settings);
        DropwizardAppExtension<TicketspaceConfiguration> replicaC = backend.newApp(BrokenBuilds.class, url, settings);
        try {
            Apps.start(replicaB);
            Apps.start(replicaC);
            Editors a = backOffice(replicaA);
            Editors b = backOffice(replicaB);
            Editors c = backOffice(replicaC);
            String customer = Api.id("c-publish");
            Editors.Answer applied = post(a, ticketCreated(Api.id("t"), customer, null, 0),
                    ticketCreated(Api.id("t"), customer, null, 1), ticketCreated(Api.id("t"), customer, null, 2));
            assertThat(applied.reply().body()).doesNotContain("rejected");
            for (Editors replica : List.of(a, b, c)) {
                assertThat(card(replica, customer)).as("version 1, the fixture: the card of 2").isEqualTo(2);
                assertThat(replica.servedVersion()).isEqualTo("1");
            }
            Editors alice = Editors.as(replicaA, Editors.ALICE);
            Api.Reply draft = alice.draft(Editors.cardOfOne(), "the card holds one ticket");
            assertThat(draft.status()).as(draft.body()).isEqualTo(201);
            int cardOfOne = draft.json().get("version").asInt();
            assertThat(draft.json().get("publishable").asBoolean()).as(draft.body()).isTrue();
            long versionBefore = state(b, customer).json().get("version").asLong();
            // every good replica builds a version that may be published ahead, as soon as it is made
            for (DropwizardAppExtension<TicketspaceConfiguration> good : List.of(replicaA, replicaB)) {
                awaitGauge(good, "rules.prepared", cardOfOne);
            }

            Load load = new Load(List.of(a, b, c), customer);
            load.start();
            long published = System.nanoTime();
            Api.Reply publication = alice.publish(cardOfOne, "fewer tickets on Home");
            assertThat(publication.status()).as(publication.body()).isEqualTo(200);
            assertThat(publication.json().get("publishedBy").asText()).isEqualTo(Editors.ALICE);
            long onB = awaitServing(b, customer, 1, String.valueOf(cardOfOne), published);
            long onA = awaitServing(a, customer, 1, String.valueOf(cardOfOne), published);
            System.out.printf("RuleSetPublishingTest[%s]: version %d served by A in %d ms, by B in %d ms%n", backend,
                    cardOfOne, onA, onB);
            assertThat(onB).as("B serves the publication within %s", SWITCH).isLessThanOrEqualTo(SWITCH.toMillis());
            JsonNode unhealthy = awaitHealth(replicaC, false);
            assertThat(unhealthy.get("message").asText()).contains("version-" + cardOfOne + "/newer.drl")
                    .contains("published version 1");
            Thread.sleep(1000);
            load.stop();
            assertThat(load.failures).as("failed requests while publishing").isEmpty();
            assertThat(load.cards.get(c)).as("C never serves the new set").containsOnly(2);
            assertThat(load.cards.get(b)).as("B served both sets").contains(1, 2);
            assertThat(load.requests.get()).as("requests made").isGreaterThan(30);
            assertThat(load.events.get()).as("events applied").isGreaterThan(3);
            assertThat(card(c, customer)).isEqualTo(2);
            assertThat(c.servedVersion()).isEqualTo("1");
            assertThat(state(b, customer).json().get("version").asLong()).as("the state version grows on a switch")
                    .isGreaterThan(versionBefore);
            for (DropwizardAppExtension<TicketspaceConfiguration> good : List.of(replicaA, replicaB)) {
                JsonNode health = awaitHealth(good, true);
                assertThat(health.get("message").asText()).endsWith("(published version " + cardOfOne + ")");
                assertThat(gauge(good, "rules.version")).isEqualTo(cardOfOne);
            }
            assertThat(gauge(replicaC, "rules.version")).isEqualTo(1);

            // version 1 was made unchecked; the publication that replaced it had A check it in the background
            Editors bob = Editors.as(replicaB, Editors.BOB);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!bob.get("versions/1").json().get("checked").asBoolean()) {
                assertThat(System.nanoTime()).as("version 1 checked ahead of a rollback").isLessThan(deadline);
                Thread.sleep(200);
            }

            // rollback: version 1 again, published through B
            long rolledBack = System.nanoTime();
            Api.Reply rollback = bob.publish(1, "roll back: customers miss their second ticket");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            long checkMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rolledBack);
            long answered = System.nanoTime();
            // version 1 was not built ahead (it is not the newest): each replica builds it now
            long backOnA = awaitServing(a, customer, 2, "1", answered);
            awaitServing(b, customer, 2, "1", answered);
            awaitHealth(replicaC, true);
            System.out.printf("RuleSetPublishingTest[%s]: rollback answered in %d ms, A back in %d ms%n",
                    backend, checkMillis, backOnA);
            JsonNode one = bob.get("versions/1").json();
            assertThat(one.get("checked").asBoolean()).isTrue();
            assertThat(one.get("published").asBoolean()).isTrue();
            JsonNode history = bob.get("publications").json().get("publications");
            assertThat(history).hasSize(3);
            assertThat(history.get(0).get("version").asInt()).isEqualTo(1);
            assertThat(history.get(0).get("publishedBy").asText()).isEqualTo(Editors.BOB);
            assertThat(history.get(0).get("reason").asText()).startsWith("roll back");
            assertThat(history.get(1).get("version").asInt()).isEqualTo(cardOfOne);
            assertThat(history.get(1).get("reason").asText()).isEqualTo("fewer tickets on Home");
            assertThat(history.get(2).get("publishedBy").asText()).isEqualTo("ticketspace");
            JsonNode current = bob.get("published").json();
            assertThat(current.get("version").asInt()).isEqualTo(1);
            assertThat(current.get("publishedBy").asText()).isEqualTo(Editors.BOB);
            assertThat(current.get("files").get("view.drl").asText()).contains(Editors.CARD_OF_TWO);
            JsonNode diff = bob.get("versions/1/diff/" + cardOfOne).json();
            assertThat(diff.get("files")).hasSize(2);
            JsonNode view = diff.get("files").get(1);
            assertThat(view.get("path").asText()).isEqualTo("view.drl");
            assertThat(view.get("change").asText()).isEqualTo("changed");
            assertThat(view.get("diff").asText()).startsWith("--- 1/view.drl\n+++ " + cardOfOne + "/view.drl\n@@ ")
                    .contains("\n-    " + Editors.CARD_OF_TWO + "\n+    " + Editors.CARD_OF_ONE + "\n");
        } finally {
            replicaC.after();
            replicaB.after();
            replicaA.after();
            Db.dropForOwnApp(backend, url);
        }
    }

    /** Readers on every replica, and events for other customers through A and B, until stopped. */
    private static final class Load {
        private final List<Editors> replicas;
        private final String customer;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Map<Editors, List<Integer>> cards = new HashMap<>();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger events = new AtomicInteger();
        private final ExecutorService pool = Executors.newFixedThreadPool(5);
        private final List<Future<?>> running = new ArrayList<>();

        Load(List<Editors> replicas, String customer) {
            this.replicas = replicas;
            this.customer = customer;
            replicas.forEach(replica -> cards.put(replica, Collections.synchronizedList(new ArrayList<>())));
        }

        void start() {
            for (Editors replica : replicas) {
                running.add(pool.submit(() -> {
                    while (!stop.get()) {
                        Editors.Answer state = state(replica, customer);
                        requests.incrementAndGet();
                        if (state.status() != 200) {
                            failures.add("read: " + state.status() + " " + state.reply().body());
                        } else {
                            cards.get(replica).add(state.json().at("/home/cards/0/tickets").size());
                        }
                        pause(PACE);
                    }
                }));
            }
            for (Editors replica : replicas.subList(0, 2)) {
                running.add(pool.submit(() -> {
                    int minute = 0;
                    while (!stop.get()) {
                        String other = Api.id("c-load");
                        String ticket = Api.id("t");
                        Editors.Answer posted = post(replica, ticketCreated(ticket, other, null, minute),
                                stateChanged(ticket, "in_progress", minute + 1));
                        if (posted.status() != 200 || posted.reply().body().contains("\"rejected\"")) {
                            failures.add("events: " + posted.status() + " " + posted.reply().body());
                        }
                        events.incrementAndGet();
                        minute += 2;
                        pause(PACE.multipliedBy(5));
                    }
                }));
            }
        }

        /** Steady load, not a flood: the replicas' own work (the switch) gets its share of a small machine. */
        private static void pause(Duration pace) {
            try {
                Thread.sleep(pace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws Exception {
            stop.set(true);
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
    }

    /** The back office of the replica's demo workspace, with a client that waits as long as a busy machine needs. */
    private static Editors backOffice(DropwizardAppExtension<TicketspaceConfiguration> replica) {
        return Editors.withAuthorization(replica, "Bearer " + new Api(replica, "demo").workspace().apiKey());
    }

    /** What the customer sees, through the back office (the customer's own view, and the rules version header). */
    private static Editors.Answer state(Editors replica, String customer) {
        return replica.call("GET", "/api/v1/workspaces/demo/customers/" + customer + "/messenger", null);
    }

    private static Editors.Answer post(Editors replica, String... events) {
        return replica.call("POST", "/api/v1/workspaces/demo/events", "{\"events\": [" + String.join(",", events) + "]}");
    }

    private static int card(Editors replica, String customer) {
        Editors.Answer state = state(replica, customer);
        assertThat(state.status()).as(state.reply().body()).isEqualTo(200);
        return state.json().at("/home/cards/0/tickets").size();
    }

    /** Waits until the replica shows the card and serves the version; answers how long after {@code since}. */
    private static long awaitServing(Editors replica, String customer, int card, String version, long since)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(card(replica, customer) == card && version.equals(replica.servedVersion()))) {
            assertThat(System.nanoTime()).as("serving version %s with the card of %d", version, card).isLessThan(deadline);
            Thread.sleep(50);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static JsonNode awaitHealth(DropwizardAppExtension<?> app, boolean healthy) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode rules = health(app);
        while (rules.get("healthy").asBoolean() != healthy) {
            assertThat(System.nanoTime()).as("rules health %s, still %s", healthy, rules).isLessThan(deadline);
            Thread.sleep(100);
            rules = health(app);
        }
        return rules;
    }

    private static JsonNode health(DropwizardAppExtension<?> app) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.getAdminPort() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("rules");
    }

    private static void awaitGauge(DropwizardAppExtension<?> app, String name, int value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (gauge(app, name) != value) {
            assertThat(System.nanoTime()).as("%s = %d", name, value).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int gauge(DropwizardAppExtension<?> app, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.getAdminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("gauges").path(name).path("value").asInt(-1);
    }

}
