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
 * through A is served by B within 5 s, under read and event load with no failed request, the customers'
 * state version growing; C keeps the last good set, never serving a mix, with a failing health check;
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
            Api a = new Api(replicaA, "demo");
            Api b = new Api(replicaB, "demo");
            Api c = new Api(replicaC, "demo");
            String customer = Api.id("c-publish");
            a.apply(ticketCreated(Api.id("t"), customer, null, 0), ticketCreated(Api.id("t"), customer, null, 1),
                    ticketCreated(Api.id("t"), customer, null, 2));
            for (Api replica : List.of(a, b, c)) {
                assertThat(card(replica, customer)).as("version 1, the fixture: the card of 2").isEqualTo(2);
                assertThat(servedVersion(replica)).isEqualTo("1");
            }
            Editors alice = Editors.as(replicaA, Editors.ALICE);
            Api.Reply draft = alice.draft(Editors.cardOfOne(), "the card holds one ticket");
            assertThat(draft.status()).as(draft.body()).isEqualTo(201);
            int cardOfOne = draft.json().get("version").asInt();
            assertThat(draft.json().get("publishable").asBoolean()).as(draft.body()).isTrue();
            long versionBefore = b.state(customer).json().get("version").asLong();

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
            assertThat(servedVersion(c)).isEqualTo("1");
            assertThat(b.state(customer).json().get("version").asLong()).as("the state version grows on a switch")
                    .isGreaterThan(versionBefore);
            for (DropwizardAppExtension<TicketspaceConfiguration> good : List.of(replicaA, replicaB)) {
                JsonNode health = awaitHealth(good, true);
                assertThat(health.get("message").asText()).endsWith("(published version " + cardOfOne + ")");
                assertThat(gauge(good, "rules.version")).isEqualTo(cardOfOne);
            }
            assertThat(gauge(replicaC, "rules.version")).isEqualTo(1);

            // rollback: version 1 again, published through B (checked first: it was made unchecked)
            Editors bob = Editors.as(replicaB, Editors.BOB);
            long rolledBack = System.nanoTime();
            Api.Reply rollback = bob.publish(1, "roll back: customers miss their second ticket");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            long checkMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rolledBack);
            long answered = System.nanoTime();
            long backOnA = awaitServing(a, customer, 2, "1", answered);
            assertThat(backOnA).as("A rolls back within %s", SWITCH).isLessThanOrEqualTo(SWITCH.toMillis());
            awaitServing(b, customer, 2, "1", answered);
            awaitHealth(replicaC, true);
            System.out.printf("RuleSetPublishingTest[%s]: rollback checked version 1 in %d ms, A back in %d ms%n",
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
        private final List<Api> replicas;
        private final String customer;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Map<Api, List<Integer>> cards = new HashMap<>();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger events = new AtomicInteger();
        private final ExecutorService pool = Executors.newFixedThreadPool(5);
        private final List<Future<?>> running = new ArrayList<>();

        Load(List<Api> replicas, String customer) {
            this.replicas = replicas;
            this.customer = customer;
            replicas.forEach(replica -> cards.put(replica, Collections.synchronizedList(new ArrayList<>())));
        }

        void start() {
            for (Api replica : replicas) {
                running.add(pool.submit(() -> {
                    while (!stop.get()) {
                        Api.Reply state = replica.state(customer);
                        requests.incrementAndGet();
                        if (state.status() != 200) {
                            failures.add("read: " + state.status() + " " + state.body());
                        } else {
                            cards.get(replica).add(state.json().at("/home/cards/0/tickets").size());
                        }
                        pause(PACE);
                    }
                }));
            }
            for (Api replica : replicas.subList(0, 2)) {
                running.add(pool.submit(() -> {
                    int minute = 0;
                    while (!stop.get()) {
                        String other = Api.id("c-load");
                        String ticket = Api.id("t");
                        Api.Reply posted = replica.postEvents(ticketCreated(ticket, other, null, minute),
                                stateChanged(ticket, "in_progress", minute + 1));
                        if (posted.status() != 200 || posted.body().contains("\"rejected\"")) {
                            failures.add("events: " + posted.status() + " " + posted.body());
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

    private static int card(Api replica, String customer) {
        Api.Reply state = replica.state(customer);
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        return state.json().at("/home/cards/0/tickets").size();
    }

    private static String servedVersion(Api replica) {
        return Editors.withAuthorization(replica.app(), null).call("GET", "/api/v1/messenger", null).rulesVersion();
    }

    /** Waits until the replica shows the card and serves the version; answers how long after {@code since}. */
    private static long awaitServing(Api replica, String customer, int card, String version, long since)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(card(replica, customer) == card && version.equals(servedVersion(replica)))) {
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

    private static int gauge(DropwizardAppExtension<?> app, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.getAdminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("gauges").path(name).path("value").asInt(-1);
    }

}
