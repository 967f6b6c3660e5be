package dev.ticketspace.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.rulesets.RuleSetFiles;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A rule editor of test-config.yml ({@code alice} or {@code bob}) on {@code /api/v1/rules} of a running
 * application, over real HTTP; and the fixture rule set the publishing tests start from.
 */
public final class Editors {
    public static final String ALICE = "alice";
    public static final String BOB = "bob";
    public static final Map<String, String> PASSWORDS = Map.of(ALICE, "editor-password-1", BOB, "editor-password-2");
    /** The fixture's card line, and a card of one instead. */
    public static final String CARD_OF_TWO = "insertLogical(new HomeCard(CardType.RECENT_TICKETS, 2));";
    public static final String CARD_OF_ONE = "insertLogical(new HomeCard(CardType.RECENT_TICKETS, 1));";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Checks run a JVM of their own: far longer than a request. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DropwizardAppExtension<TicketspaceConfiguration> app;
    private final String authorization;

    private Editors(DropwizardAppExtension<TicketspaceConfiguration> app, String authorization) {
        this.app = app;
        this.authorization = authorization;
    }

    public static Editors as(DropwizardAppExtension<TicketspaceConfiguration> app, String editor) {
        return withPassword(app, editor, PASSWORDS.get(editor));
    }

    public static Editors withPassword(DropwizardAppExtension<TicketspaceConfiguration> app, String editor,
                                       String password) {
        return withAuthorization(app, "Basic " + Base64.getEncoder()
                .encodeToString((editor + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Any Authorization header (null: none). */
    public static Editors withAuthorization(DropwizardAppExtension<TicketspaceConfiguration> app, String authorization) {
        return new Editors(app, authorization);
    }

    /** The fixture rule set of {@code rulesets/publish}: its files by path. */
    public static Map<String, String> fixture() {
        return new TreeMap<>(RuleSetFiles.read(Path.of(FixtureRules.directory("publish"))).files());
    }

    /** The fixture with the card of one: its rule and its scenario changed together. */
    public static Map<String, String> cardOfOne() {
        return edit(edit(fixture(), "view.drl", drl -> drl.replace(CARD_OF_TWO, CARD_OF_ONE)),
                "scenarios/card.yml", yml -> yml.replace("card: [t3, t2]", "card: [t3]"));
    }

    public static Map<String, String> edit(Map<String, String> files, String path, UnaryOperator<String> change) {
        Map<String, String> edited = new TreeMap<>(files);
        String before = edited.get(path);
        String after = change.apply(before);
        if (before == null || before.equals(after)) {
            throw new IllegalArgumentException("the edit changes nothing in " + path);
        }
        edited.put(path, after);
        return edited;
    }

    /** {@code POST /versions}. */
    public Api.Reply draft(Map<String, String> files, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.set("files", JSON.valueToTree(files));
        body.put("message", message);
        return send("POST", "versions", body.toString());
    }

    /** {@code POST /versions/{v}/publish} with a reason. */
    public Api.Reply publish(int version, String reason) {
        return send("POST", "versions/" + version + "/publish", JSON.createObjectNode().put("reason", reason).toString());
    }

    public Api.Reply get(String path) {
        return send("GET", path, null);
    }

    /** A call to {@code /api/v1/rules/<path>}, with a JSON body unless null. */
    public Api.Reply send(String method, String path, String body) {
        return call(method, "/api/v1/rules/" + path, body).reply();
    }

    /** A call to any path of the application, with this editor's Authorization header. */
    public Answer call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                .timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(new Api.Reply(response.statusCode(), response.body()),
                    response.headers().firstValue("Ticketspace-Rules-Version").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rules version the replica serves, from the header of a demo customer's state (a back-office call). */
    public String servedVersion() {
        return call("GET", "/api/v1/workspaces/demo/customers/c-any/messenger", null).rulesVersion();
    }

    /** A reply and the rules version header that came with it. */
    public record Answer(Api.Reply reply, String rulesVersion) {
        public int status() {
            return reply.status();
        }

        public JsonNode json() {
            return reply.json();
        }
    }
}
