package dev.ticketspace.rulesets;

import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The impact preview against a computation of its own: customers generated so that which of them a
 * candidate changes, and how, is known beforehand; the counts must match, and the database must be
 * exactly as it was after.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ImpactPreviewTest {
    private static final int ONE_TICKET = 5;
    private static final int THREE_TICKETS = 4;
    private static final int READ = 3;
    /** Tables a preview might be tempted to write. */
    private static final List<String> TABLES = List.of("customers", "tickets", "conversations", "state_changes",
            "customer_history", "messenger_settings", "applied_events", "webhook_deliveries", "rule_versions",
            "rule_files", "rule_publications");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countsWhatAnIndependentComputationExpectsAndWritesNothing(Backend backend) throws Exception {
        String url = Db.privateDatabase(backend, "preview");
        DropwizardAppExtension<TicketspaceConfiguration> app = FixtureRules.startOwnApp("publish", backend, url, Map.of());
        try {
            Api api = new Api(app, "demo");
            List<String> unread = new ArrayList<>();
            for (int n = 0; n < ONE_TICKET; n++) {
                unread.add(customer(api, 1, false));
            }
            for (int n = 0; n < THREE_TICKETS; n++) {
                unread.add(customer(api, 3, false));
            }
            for (int n = 0; n < READ; n++) {
                customer(api, 1, true);
            }
            Editors alice = Editors.as(app, Editors.ALICE);
            int cardOfOne = alice.draft(Editors.cardOfOne(), "the card of one").json().get("version").asInt();
            // what an event decides: a new ticket no longer notifies, so no ticket is unread; its scenario
            // still passes (it looks at the card only)
            Api.Reply quiet = alice.draft(Editors.edit(Editors.fixture(), "events.drl", drl -> drl.replace(
                    "    insertLogical(new TicketNotification($created.ticketId(), $created.occurredAt()));\n", "")),
                    "new tickets do not notify");
            int noNotification = quiet.json().get("version").asInt();
            Jdbi jdbi = Db.of(app);
            Map<String, String> before = Db.tableFingerprints(jdbi, TABLES);

            // the card of 1: only the customers with 3 tickets lose 2 from it
            JsonNode card = preview(alice, cardOfOne, "all");
            System.out.println("ImpactPreviewTest: card of one: " + card);
            assertThat(card.get("customersCompared").asInt()).isEqualTo(ONE_TICKET + THREE_TICKETS + READ);
            assertThat(card.get("customersChanged").asInt()).isEqualTo(THREE_TICKETS);
            assertThat(card.get("complete").asBoolean()).isTrue();
            assertThat(counts(card)).isEqualTo(expected(Map.of("card_out", THREE_TICKETS)));
            assertThat(card.get("examples")).hasSize(THREE_TICKETS);
            JsonNode example = card.get("examples").get(0);
            assertThat(example.get("before").get("card")).hasSize(2);
            assertThat(example.get("after").get("card")).hasSize(1);
            assertThat(example.get("differences").get(0).asText()).startsWith("card: [");

            // decided from the history again: every unread customer's Home badge goes out, read ones see no change
            JsonNode replayed = preview(alice, noNotification, "all");
            System.out.println("ImpactPreviewTest: no notification: " + replayed);
            assertThat(replayed.get("customersChanged").asInt()).isEqualTo(unread.size());
            assertThat(counts(replayed)).isEqualTo(expected(Map.of("badge_down", unread.size(), "unread", unread.size())));
            assertThat(replayed.get("examples")).allMatch(e -> unread.contains(e.get("customerId").asText()));

            // a sample
            JsonNode sample = preview(alice, cardOfOne, "3");
            assertThat(sample.get("customersCompared").asInt()).isEqualTo(3);
            assertThat(sample.get("complete").asBoolean()).isTrue();

            assertThat(Db.tableFingerprints(jdbi, TABLES)).as("the database after three previews").isEqualTo(before);
            assertThat(alice.get("preview").code()).isEqualTo("no_preview");
            assertThat(alice.send("DELETE", "preview", null).code()).isEqualTo("no_preview");
            Api.Reply missing = alice.send("POST", "versions/999999/preview", null);
            assertThat(missing.status()).isEqualTo(404);
            Api.Reply badCount = alice.send("POST", "versions/" + cardOfOne + "/preview?customers=some", null);
            assertThat(badCount.status()).isEqualTo(400);
            assertThat(badCount.code()).isEqualTo("invalid_customers");
        } finally {
            app.after();
            Db.dropForOwnApp(backend, url);
        }
    }

    /** A customer with tickets, all unread or all read; answers the customer. */
    private static String customer(Api api, int tickets, boolean read) {
        String customer = Api.id("c-preview");
        for (int n = 0; n < tickets; n++) {
            String ticket = Api.id("t");
            api.apply(ticketCreated(ticket, customer, null, n));
            if (read) {
                api.apply(ticketRead(ticket, n + 1));
            }
        }
        return customer;
    }

    private static JsonNode preview(Editors editor, int version, String customers) {
        Api.Reply reply = editor.send("POST", "versions/" + version + "/preview?customers=" + customers + "&seconds=120",
                null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static Map<String, Integer> counts(JsonNode preview) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        preview.get("changes").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    private static Map<String, Integer> expected(Map<String, Integer> nonZero) {
        Map<String, Integer> all = new LinkedHashMap<>();
        ImpactPreview.KINDS.forEach(kind -> all.put(kind, nonZero.getOrDefault(kind, 0)));
        return all;
    }
}
