package dev.ticketspace.events;

import static dev.ticketspace.support.Events.event;
import static dev.ticketspace.support.Events.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.AdminMetrics;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rules change decides customers' past events again: a badge an old rule lit when a ticket's state
 * changed goes out once the new rule would not have lit it, with no new event; what the new rule still
 * decides the same stays; the customer's version moves on. The background pass also decides and stores
 * every customer's subjects under the new rules, so that no read has to. On a fixture rule set in a
 * folder of the test's.
 */
@Timeout(90)
class RedecideTest {
    private static final String RULE = "    $changed: TicketStateChanged() // the condition RedecideTest changes";
    private static final String NO_IN_PROGRESS =
            "    $changed: TicketStateChanged(category != Category.IN_PROGRESS)";
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReloadDecidesEveryCustomersHistoryAgain(Backend backend) throws Exception {
        Path rules = Files.createDirectories(temp.resolve("rules"));
        Path drl = rules.resolve("redecide.drl");
        Files.copy(Path.of(ResourceHelpers.resourceFilePath("rulesets/redecide/redecide.drl")), drl);
        DropwizardAppExtension<TicketspaceConfiguration> app = backend.newApp(backend.freshDatabaseUrl(),
                Map.of("rules.directory", rules.toString()));
        Apps.start(app);
        try {
            Api api = new Api(app, "demo");
            String movedOn = story(api, "in_progress", false);
            String waiting = story(api, "waiting_on_customer", false);
            String read = story(api, "in_progress", true);
            assertThat(badge(api, movedOn)).isEqualTo(1);
            assertThat(badge(api, waiting)).isEqualTo(1);
            assertThat(badge(api, read)).isZero();
            long before = api.state(movedOn).json().get("version").asLong();

            // read before the reload: its pass may be through them before the reload task answers
            Jdbi db = Db.of(app);
            Map<String, String> decidedBefore = decidedRules(db);
            assertThat(decidedBefore).containsKeys(movedOn, waiting, read).doesNotContainValue(null);

            String source = Files.readString(drl);
            assertThat(source).contains(RULE);
            Files.writeString(drl, source.replace(RULE, NO_IN_PROGRESS));
            HttpResponse<String> reload = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + app.getAdminPort() + "/tasks/reload-rules"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);

            AdminMetrics metrics = new AdminMetrics(HTTP, app);
            waitWithin(() -> metrics.counter("rules.redecide.customers") >= decidedBefore.size());
            Map<String, String> decidedAfter = decidedRules(db);
            assertThat(decidedAfter).as("decided by the pass, before any read").containsOnlyKeys(decidedBefore.keySet());
            decidedAfter.forEach((customer, rulesFingerprint) -> assertThat(rulesFingerprint).as(customer)
                    .isNotNull().isNotEqualTo(decidedBefore.get(customer)));

            waitWithin(() -> badge(api, movedOn) == 0);
            assertThat(badge(api, movedOn)).as("the badge the old rule lit").isZero();
            assertThat(api.state(movedOn).json().get("version").asLong()).isGreaterThan(before);
            assertThat(explainedRules(api, movedOn)).doesNotContain("A state change notifies");
            assertThat(badge(api, waiting)).as("what the new rule decides the same").isEqualTo(1);
            assertThat(explainedRules(api, waiting)).contains("A state change notifies");
            assertThat(badge(api, read)).isZero();
        } finally {
            app.after();
        }
    }

    /** Waits until the condition holds or {@link #WITHIN} has passed; the assertions that follow judge. */
    private static void waitWithin(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Every customer's fingerprint of the rules its subjects were last decided under. */
    private static Map<String, String> decidedRules(Jdbi db) {
        Map<String, String> decided = new HashMap<>();
        db.useHandle(handle -> handle.createQuery("SELECT customer_id, decided_rules FROM customers")
                .map((row, ctx) -> new String[] {row.getString(1), row.getString(2)})
                .forEach(pair -> decided.put(pair[0], pair[1])));
        return decided;
    }

    /** A customer whose ticket moved to the category, optionally read after; returns the customer. */
    private static String story(Api api, String category, boolean readAfter) {
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(event("ticket.created", 1, "ticketId", ticket, "customerId", customer, "title", "Refund",
                        "state", state("submitted")),
                event("ticket.state_changed", 2, "ticketId", ticket, "state", state(category)));
        if (readAfter) {
            assertThat(api.readTicket(customer, ticket).status()).isEqualTo(200);
        }
        return customer;
    }

    private static int badge(Api api, String customer) {
        return api.state(customer).json().at("/spaces/2/badge").asInt();
    }

    private static String explainedRules(Api api, String customer) {
        StringBuilder rules = new StringBuilder();
        for (JsonNode line : api.explain(customer).json().get("explain")) {
            rules.append(line.get("rule").asText()).append('\n');
        }
        return rules.toString();
    }
}
