package dev.ticketspace.rulesets;

import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drafts of {@code POST /api/v1/rules/versions} are checked on arrival (compile problems at
 * file:line:col, the set's own scenarios with their differences) and only passing ones may be published;
 * bodies are bounded; editors and the other APIs' callers cannot reach each other's endpoints; every call
 * is audited. On the fixture rule set {@code rulesets/publish}, nothing published.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RuleSetDraftsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DropwizardAppExtension<TicketspaceConfiguration> app(Backend backend) {
        return FixtureRules.app("publish", backend);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDraftIsCheckedOnArrivalAndOnlyAPassingOneMayBePublished(Backend backend) {
        Editors alice = Editors.as(app(backend), Editors.ALICE);
        int published = alice.get("published").json().get("version").asInt();

        // passes: the card of one, its scenario changed with it
        Api.Reply good = alice.draft(Editors.cardOfOne(), "the card holds one ticket");
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        JsonNode passing = good.json();
        assertThat(passing.get("author").asText()).isEqualTo(Editors.ALICE);
        assertThat(passing.get("message").asText()).isEqualTo("the card holds one ticket");
        assertThat(passing.get("checked").asBoolean()).isTrue();
        assertThat(passing.get("publishable").asBoolean()).as(good.body()).isTrue();
        assertThat(passing.get("problems")).isEmpty();
        assertThat(passing.get("rules").asInt()).isPositive();
        assertThat(passing.at("/scenarios/passed").asInt()).isEqualTo(1);
        assertThat(passing.at("/scenarios/failed").asInt()).isZero();
        assertThat(passing.get("hash").asText()).isEqualTo(new RuleSetFiles(new TreeMap<>(Editors.cardOfOne())).hash());
        assertThat(passing.get("files").get("view.drl").asText()).contains(Editors.CARD_OF_ONE);
        int passingVersion = passing.get("version").asInt();
        assertThat(passingVersion).isGreaterThan(published);

        // a syntax error in one file, a misspelt fact in another: each at its file, line and column
        Map<String, String> broken = Editors.edit(Editors.edit(Editors.fixture(), "view.drl",
                drl -> drl.replace("rule \"Home is always visible\"\nwhen", "rule \"Home is always visible\"\nwhen\n    (")),
                "events.drl", drl -> drl.replace("$created: TicketCreated()\nthen\n    insertLogical(new TicketNotification",
                        "$created: TicketCreatd()\nthen\n    insertLogical(new TicketNotification"));
        Api.Reply problems = alice.draft(broken, "two mistakes");
        assertThat(problems.status()).as(problems.body()).isEqualTo(201);
        JsonNode failing = problems.json();
        System.out.println("RuleSetDraftsTest: problems of a broken draft: " + failing.get("problems"));
        assertThat(failing.get("publishable").asBoolean()).isFalse();
        assertThat(failing.get("scenarios").isNull()).as("no scenario runs on rules that do not compile").isTrue();
        List<String> where = new ArrayList<>();
        failing.get("problems").forEach(p -> where.add(p.get("file").asText() + ":" + p.get("line").asInt()));
        // the parser reports the stray parenthesis where it gives up, within the rule; the misspelt fact at its line
        int viewLine = lineOf(broken.get("view.drl"), "    (");
        assertThat(where).anyMatch(at -> at.matches("view\\.drl:\\d+")
                && Integer.parseInt(at.substring("view.drl:".length())) - viewLine <= 4
                && Integer.parseInt(at.substring("view.drl:".length())) >= viewLine);
        assertThat(where).contains("events.drl:" + lineOf(broken.get("events.drl"), "TicketCreatd()"));
        assertThat(failing.get("problems")).allMatch(p -> p.get("column").asInt() >= 1);
        Api.Reply refused = alice.publish(failing.get("version").asInt(), "should not go out");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("rules_have_problems");

        // compiles, but its own scenario fails: the difference is readable
        Map<String, String> wrongScenario = Editors.edit(Editors.fixture(), "view.drl",
                drl -> drl.replace(Editors.CARD_OF_TWO, Editors.CARD_OF_ONE));
        Api.Reply scenarios = alice.draft(wrongScenario, "the card of one, scenario forgotten");
        assertThat(scenarios.status()).as(scenarios.body()).isEqualTo(201);
        JsonNode failures = scenarios.json();
        assertThat(failures.get("problems")).noneMatch(p -> !p.get("warning").asBoolean());
        assertThat(failures.at("/scenarios/failed").asInt()).isEqualTo(1);
        JsonNode failure = failures.at("/scenarios/failures/0");
        assertThat(failure.get("file").asText()).isEqualTo("scenarios/card.yml");
        assertThat(failure.get("name").asText()).isEqualTo("the card holds the newest tickets, 2 of them");
        assertThat(failure.get("differences").get(0).asText())
                .isEqualTo("step 1 (scenarios/card.yml:3): card: expected [\"t3\",\"t2\"], got [\"t3\"]");
        Api.Reply notPublished = alice.publish(failures.get("version").asInt(), "should not go out either");
        assertThat(notPublished.status()).as(notPublished.body()).isEqualTo(409);
        assertThat(notPublished.code()).isEqualTo("scenarios_failing");

        // a scenario file that does not parse fails the check at its line
        Api.Reply unreadable = alice.draft(Editors.edit(Editors.fixture(), "scenarios/card.yml",
                yml -> yml + "  - expect: {card: [t3}\n"), "a broken scenario file");
        JsonNode unparsed = unreadable.json().at("/scenarios/failures/0");
        assertThat(unparsed.get("file").asText()).as(unreadable.body()).isEqualTo("scenarios/card.yml");
        assertThat(unparsed.get("name").isNull()).isTrue();
        assertThat(unreadable.json().get("publishable").asBoolean()).isFalse();

        // the scenario files may come apart, by name
        Map<String, String> drl = new TreeMap<>(Editors.cardOfOne());
        String scenario = drl.remove("scenarios/card.yml");
        Api.Reply apart = alice.send("POST", "versions", JSON.createObjectNode().put("message", "scenarios apart")
                .<ObjectNode>set("files", JSON.valueToTree(drl))
                .set("scenarios", JSON.createObjectNode().put("card.yml", scenario)).toString());
        assertThat(apart.status()).as(apart.body()).isEqualTo(201);
        assertThat(apart.json().get("hash").asText()).isEqualTo(passing.get("hash").asText());
        assertThat(apart.json().get("publishable").asBoolean()).isTrue();

        // nothing refused was published; the list shows each draft, newest first
        assertThat(alice.get("published").json().get("version").asInt()).isEqualTo(published);
        JsonNode versions = alice.get("versions?limit=5").json();
        assertThat(versions).hasSize(5);
        assertThat(versions.get(4).get("version").asInt()).isEqualTo(passingVersion);
        assertThat(versions.get(4).get("publishable").asBoolean()).isTrue();
        assertThat(versions.get(3).get("publishable").asBoolean()).isFalse();
        assertThat(versions).allMatch(v -> !v.get("published").asBoolean());
        JsonNode stored = alice.get("versions/" + passingVersion).json();
        assertThat(stored.get("files")).isEqualTo(passing.get("files"));
        assertThat(stored.get("scenarios")).isEqualTo(passing.get("scenarios"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bodiesAreBoundedAndCheckedWithJsonErrors(Backend backend) {
        Editors alice = Editors.as(app(backend), Editors.ALICE);
        Map<String, String> tooMany = new TreeMap<>(Editors.fixture());
        for (int n = 0; n < RuleSetFiles.MAX_FILES; n++) {
            tooMany.put("extra-" + n + ".drl", "package ticketspace.rules;\n");
        }
        assertRefused(alice.draft(tooMany, "too many"), 413, "rule_set_too_large");
        assertRefused(alice.draft(Editors.edit(Editors.fixture(), "view.drl",
                drl -> drl + "//" + "x".repeat(RuleSetFiles.MAX_FILE_BYTES)), "too big"), 413, "rule_set_too_large");
        Map<String, String> tooMuch = new TreeMap<>(Editors.fixture());
        for (int n = 0; n < 4; n++) {
            tooMuch.put("big-" + n + ".drl", "//" + "x".repeat(RuleSetFiles.MAX_FILE_BYTES - 10));
        }
        // over the total, and over the request body limit before that
        assertRefused(alice.draft(tooMuch, "too much"), 413, null);
        assertRefused(alice.draft(Map.of("../escape.drl", "x"), "escape"), 400, "invalid_rule_set");
        assertRefused(alice.draft(Map.of("rules/nested.drl", "x"), "nested"), 400, "invalid_rule_set");
        assertRefused(alice.draft(Map.of("notes.txt", "x", "a.drl", "x"), "other file"), 400, "invalid_rule_set");
        assertRefused(alice.draft(Map.of("scenarios/only.yml", "name: x\nsteps: []\n"), "no rules"), 400,
                "invalid_rule_set");
        assertRefused(alice.draft(Map.of(), "nothing"), 400, "invalid_rule_set");
        assertRefused(alice.draft(Editors.fixture(), " "), 400, null);
        assertRefused(alice.send("POST", "versions", "{\"files\": {\"a.drl\": \"x\"}}"), 400, null);
        assertRefused(alice.send("POST", "versions", "{\"files\": {\"a.drl\": 1}, \"message\": \"m\"}"), 400, null);
        assertRefused(alice.send("POST", "versions", "{\"files\": {}, \"message\": \"m\", \"extra\": 1}"), 400, null);
        assertRefused(alice.send("POST", "versions", "not json"), 400, null);
        assertRefused(alice.get("versions/999999"), 404, "version_not_found");
        assertRefused(alice.publish(999999, "no such version"), 404, "version_not_found");
        assertRefused(alice.get("versions?limit=0"), 400, "invalid_limit");
        assertRefused(alice.get("versions?before=x"), 400, "invalid_before");
    }

    private static void assertRefused(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("message").asText()).isNotBlank();
        if (code != null) {
            assertThat(reply.code()).as(reply.body()).isEqualTo(code);
        }
    }

    /**
     * Editors reach /api/v1/rules only, with their own password; API keys and customer tokens never do;
     * every call, refused ones too, is in the audit trail with who made it.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void editorsAndTheOtherCallersCannotReachEachOthersEndpoints(Backend backend) {
        DropwizardAppExtension<TicketspaceConfiguration> app = app(backend);
        Api demo = new Api(app, "demo");
        String customer = Api.id("c-editor");
        demo.apply(ticketCreated(Api.id("t"), customer, null, 0));
        String apiKey = "Bearer " + demo.workspace().apiKey();
        String token = "Bearer " + demo.token(customer);
        Editors alice = Editors.as(app, Editors.ALICE);
        Editors bob = Editors.as(app, Editors.BOB);
        List<Editors> notEditors = List.of(
                Editors.withAuthorization(app, null),
                Editors.withAuthorization(app, apiKey),
                Editors.withAuthorization(app, token),
                Editors.withPassword(app, Editors.ALICE, Editors.PASSWORDS.get(Editors.BOB)),
                Editors.withPassword(app, "mallory", Editors.PASSWORDS.get(Editors.ALICE)),
                Editors.withPassword(app, Editors.ALICE, ""),
                Editors.withPassword(app, Editors.ALICE, "x".repeat(200)),
                Editors.withAuthorization(app, "Basic not-base64!"));
        List<String> rulesPaths = List.of("GET /api/v1/rules/versions", "GET /api/v1/rules/published",
                "GET /api/v1/rules/versions/1", "GET /api/v1/rules/versions/1/diff/1", "GET /api/v1/rules/audit",
                "GET /api/v1/rules/publications", "POST /api/v1/rules/versions", "POST /api/v1/rules/versions/1/publish");
        for (String call : rulesPaths) {
            String[] parts = call.split(" ");
            String body = parts[0].equals("POST") ? "{}" : null;
            for (Editors caller : notEditors) {
                Editors.Answer answer = caller.call(parts[0], parts[1], body);
                assertThat(answer.status()).as("%s: %s", call, answer.reply().body()).isEqualTo(401);
                assertThat(answer.reply().code()).isEqualTo("unauthorized");
            }
            if (parts[0].equals("GET")) {
                assertThat(alice.call("GET", parts[1], null).status()).as(call).isEqualTo(200);
                assertThat(bob.call("GET", parts[1], null).status()).as(call).isEqualTo(200);
            }
        }
        // editors on the back office's and the customers' endpoints
        for (String path : List.of("/api/v1/workspaces/demo/messenger/settings", "/api/v1/workspaces/demo/customers/" + customer
                + "/messenger", "/api/v1/messenger", "/api/v1/messenger/tickets", "/api/v1/messenger/ticket-types")) {
            Editors.Answer answer = alice.call("GET", path, null);
            assertThat(answer.status()).as("%s: %s", path, answer.reply().body()).isEqualTo(401);
        }
        assertThat(alice.call("POST", "/api/v1/workspaces/demo/events", "{\"events\": []}").status()).isEqualTo(401);
        // their own credentials still work there
        assertThat(Editors.withAuthorization(app, apiKey).call("GET", "/api/v1/workspaces/demo/messenger/settings", null).status())
                .isEqualTo(200);
        assertThat(Editors.withAuthorization(app, token).call("GET", "/api/v1/messenger", null).status()).isEqualTo(200);

        // the audit trail: newest first, who (none when refused), what, how it was answered
        JsonNode trail = alice.get("audit?limit=500").json().get("entries");
        assertThat(trail.get(0).get("path").asText()).as("the last call before this one").isEqualTo(
                "/api/v1/rules/versions/1/publish");
        assertThat(trail.get(0).get("status").asInt()).isEqualTo(401);
        assertThat(trail).anyMatch(e -> e.get("editor").asText("").equals(Editors.ALICE)
                && e.get("path").asText().equals("/api/v1/rules/audit") && e.get("status").asInt() == 200);
        assertThat(trail).anyMatch(e -> e.get("editor").asText("").equals(Editors.BOB)
                && e.get("path").asText().equals("/api/v1/rules/versions/1") && e.get("status").asInt() == 200
                && e.get("version").asInt() == 1);
        assertThat(trail).anyMatch(e -> e.get("editor").isNull() && e.get("status").asInt() == 401
                && e.get("method").asText().equals("POST") && e.get("path").asText().equals("/api/v1/rules/versions/1/publish"));
        assertThat(trail).allMatch(e -> e.get("calledAt").isTextual());
    }

    private static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment + " is not in the text");
    }
}
