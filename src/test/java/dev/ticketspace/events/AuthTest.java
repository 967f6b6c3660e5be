package dev.ticketspace.events;

import static dev.ticketspace.events.Observed.conversations;
import static dev.ticketspace.events.Observed.idOf;
import static dev.ticketspace.events.Observed.statuses;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The back office API needs its workspace's API key: none or an unknown one is a 401 {@code unauthorized},
 * another workspace's key a 403 {@code forbidden}; either way nothing changes and nothing is shown.
 */
class AuthTest {
    private static final String WRONG_KEY = "demo-api-key-0123456789x";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void postingEventsNeedsTheWorkspacesKey(Backend backend) {
        Api demo = Api.demo(backend);
        Api other = new Api(backend.app(), "other");
        String customer = Api.id("c");
        String event = conversationCreated(Api.id("conv"), customer, 1);
        String body = "{\"events\": [" + event + "]}";
        String path = "/api/v1/workspaces/demo/events";

        for (String key : unauthorizedKeys(demo)) {
            assertError(demo.withApiKey(key, "POST", path, body), 401, "unauthorized");
        }
        assertError(demo.withApiKey(other.workspace().apiKey(), "POST", path, body), 403, "forbidden");
        assertError(demo.withApiKey(demo.workspace().apiKey(), "POST", "/api/v1/workspaces/nowhere/events", body),
                403, "forbidden");

        assertThat(conversations(demo, customer)).isEmpty();
        assertThat(Db.appliedEvents(Db.of(backend), "demo", idOf(event))).isZero();
        assertThat(Db.appliedEvents(Db.of(backend), "other", idOf(event))).isZero();
        // the other key works on its own workspace, and the event was never recorded in demo
        assertThat(statuses(other.postEvents(conversationCreated(Api.id("conv"), customer, 1))))
                .containsExactly("applied");
        assertThat(statuses(demo.postEvents(event))).containsExactly("applied");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void settingsNeedTheWorkspacesKey(Backend backend) {
        Api target = Api.isolated(backend);
        Api other = new Api(backend.app(), "other");
        String ws = target.workspaceId();
        String settings = "/api/v1/workspaces/" + ws + "/messenger/settings";
        String news = "/api/v1/workspaces/" + ws + "/messenger/home-apps/news";
        String tickets = "/api/v1/workspaces/" + ws + "/messenger/home-apps/tickets";
        String before = target.settings().body();

        for (String key : unauthorizedKeys(target)) {
            assertError(target.withApiKey(key, "GET", settings, null), 401, "unauthorized");
            assertError(target.withApiKey(key, "PUT", news, ""), 401, "unauthorized");
            assertError(target.withApiKey(key, "DELETE", tickets, null), 401, "unauthorized");
        }
        String otherKey = other.workspace().apiKey();
        assertError(target.withApiKey(otherKey, "GET", settings, null), 403, "forbidden");
        assertError(target.withApiKey(otherKey, "PUT", news, ""), 403, "forbidden");
        assertError(target.withApiKey(otherKey, "DELETE", tickets, null), 403, "forbidden");

        assertThat(target.settings().status()).isEqualTo(200);
        assertThat(target.settings().body()).isEqualTo(before);
        assertThat(target.settings().json().get("homeApps").toString()).isEqualTo("[\"tickets\"]");
        assertThat(other.settings().status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theCustomerStateViewNeedsTheWorkspacesKey(Backend backend) {
        Api demo = Api.demo(backend);
        Api other = new Api(backend.app(), "other");
        String customer = Api.id("c");
        String ticket = Api.id("t");
        demo.apply(ticketCreated(ticket, customer, null, 1));
        String path = "/api/v1/workspaces/demo/customers/" + customer + "/messenger?explain=true";
        String before = demo.explain(customer).body();

        for (String key : unauthorizedKeys(demo)) {
            Api.Reply reply = demo.withApiKey(key, "GET", path, null);
            assertError(reply, 401, "unauthorized");
            assertThat(reply.body()).doesNotContain(ticket);
        }
        Api.Reply forbidden = demo.withApiKey(other.workspace().apiKey(), "GET", path, null);
        assertError(forbidden, 403, "forbidden");
        assertThat(forbidden.body()).doesNotContain(ticket);
        // the other workspace's own view of that customer id knows nothing of demo's ticket
        Api.Reply own = other.explain(customer);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(ticket);

        assertThat(demo.explain(customer).body()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void customerTokensAndApiKeysAreNotInterchangeable(Backend backend) {
        Api demo = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        demo.apply(ticketCreated(ticket, customer, null, 1));
        long before = Observed.version(demo, customer);

        Api.Reply asBackOffice = demo.withApiKey(demo.token(customer), "POST", "/api/v1/workspaces/demo/events",
                "{\"events\": [" + stateChanged(ticket, "resolved", 2) + "]}");
        assertError(asBackOffice, 401, "unauthorized");
        assertError(demo.withToken(demo.workspace().apiKey(), "GET", "/api/v1/messenger"), 401, "invalid_token");

        assertThat(Observed.version(demo, customer)).isEqualTo(before);
        assertThat(Observed.ticket(demo, customer, ticket).get("state").get("category").asText()).isEqualTo("submitted");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKeyInOtherLetterCaseIsRefusedOnAConnectionThatCarriedTheRealKey(Backend backend) {
        Api demo = Api.demo(backend);
        String key = demo.workspace().apiKey();
        String caseVariant = key.toUpperCase(Locale.ROOT);
        HttpClient connection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        assertThat(statusOfSettings(connection, demo, key)).isEqualTo(200);
        assertThat(statusOfSettings(connection, demo, caseVariant)).isEqualTo(401);

        HttpClient another = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(statusOfSettings(another, demo, caseVariant)).isEqualTo(401);
        assertThat(statusOfSettings(another, demo, key)).isEqualTo(200);
    }

    private static int statusOfSettings(HttpClient http, Api api, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/workspaces/"
                        + api.workspaceId() + "/messenger/settings"))
                .header("Authorization", "Bearer " + key).GET().build();
        try {
            return ApiContract.checked(http.send(request, HttpResponse.BodyHandlers.ofString())).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** No key, unknown keys, and credentials that are not a bearer API key at all. */
    private static List<String> unauthorizedKeys(Api api) {
        return Arrays.asList(null, WRONG_KEY, "", api.workspace().messengerSecret());
    }

    private static void assertError(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.code()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().path("message").asText()).isNotBlank();
    }
}
