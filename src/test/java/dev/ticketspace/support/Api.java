package dev.ticketspace.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.auth.CustomerTokens;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.net.http.HttpClient;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's handle on a running Ticketspace over real HTTP, for one workspace: post events, read state,
 * change settings, mint tokens. Every response comes back as a {@link Reply} (status plus JSON body), checked
 * against the {@link ApiContract} first.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<DropwizardAppExtension<?>, AtomicInteger> SPARES_HANDED_OUT = new IdentityHashMap<>();

    private final DropwizardAppExtension<TicketspaceConfiguration> app;
    private final Workspace workspace;

    public Api(DropwizardAppExtension<TicketspaceConfiguration> app, String workspaceId) {
        this.app = app;
        this.workspace = new Workspaces(app.getConfiguration().getWorkspaces()).byId(workspaceId).orElseThrow();
    }

    /** The shared app of the backend, acting for the {@code demo} workspace. */
    public static Api demo(Backend backend) {
        return new Api(backend.app(), "demo");
    }

    /**
     * The shared app of the backend, acting for a workspace no other test is using, with the settings of a
     * new workspace: for tests that change settings. See {@link #isolated(DropwizardAppExtension)}.
     */
    public static Api isolated(Backend backend) {
        return isolated(backend.app());
    }

    /**
     * The app, acting for a workspace no other test is using, with the settings of a new workspace. The
     * spares (w01, w02, ... in test-config.yml) are handed out in turn, per app, and start over after the
     * last one, reset to the default settings, so that a rerun in the same JVM never runs out of them.
     */
    public static Api isolated(DropwizardAppExtension<TicketspaceConfiguration> app) {
        List<String> spares = app.getConfiguration().getWorkspaces().stream().map(Workspace::id)
                .filter(id -> id.matches("w\\d+")).toList();
        int turn;
        synchronized (SPARES_HANDED_OUT) {
            turn = SPARES_HANDED_OUT.computeIfAbsent(app, a -> new AtomicInteger()).getAndIncrement();
        }
        Api api = new Api(app, spares.get(turn % spares.size()));
        api.resetSettings();
        return api;
    }

    /** Puts the workspace's Home apps back to those of a new workspace. */
    private void resetSettings() {
        for (JsonNode app : settings().json().get("homeApps")) {
            removeHomeApp(app.asText());
        }
        SettingsService.DEFAULT_HOME_APPS.forEach(this::addHomeApp);
    }

    /** A fresh id with the given prefix, e.g. {@code c-1a2b3c4d}, so tests never share data. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String workspaceId() {
        return workspace.id();
    }

    public Workspace workspace() {
        return workspace;
    }

    public DropwizardAppExtension<TicketspaceConfiguration> app() {
        return app;
    }

    /** The app's admin {@code /metrics}. */
    public AdminMetrics metrics() {
        return new AdminMetrics(HttpClient.newHttpClient(), app);
    }

    public String base() {
        return "http://localhost:" + app.getLocalPort();
    }

    // Back office

    /** Posts {@code {"events": [ ...eventsJson... ]}}; the argument is the JSON of the events, comma separated. */
    public Reply postEvents(String... eventsJson) {
        return postEventsBody("{\"events\": [" + String.join(",", eventsJson) + "]}");
    }

    public Reply postEventsBody(String body) {
        return send("POST", "/api/v1/workspaces/" + workspace.id() + "/events", workspace.apiKey(),
                Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
    }

    /** Posts the events and fails unless every one was applied. */
    public Reply apply(String... eventsJson) {
        Reply reply = postEvents(eventsJson);
        if (reply.status() != 200) {
            throw new AssertionError("events not accepted: " + reply);
        }
        for (JsonNode result : reply.json().get("results")) {
            if (!result.get("status").asText().equals("applied")) {
                throw new AssertionError("event not applied: " + result);
            }
        }
        return reply;
    }

    public Reply settings() {
        return send("GET", "/api/v1/workspaces/" + workspace.id() + "/messenger/settings", workspace.apiKey(), null);
    }

    public Reply addHomeApp(String app) {
        return send("PUT", "/api/v1/workspaces/" + workspace.id() + "/messenger/home-apps/" + app, workspace.apiKey(),
                Entity.entity("", MediaType.APPLICATION_JSON_TYPE));
    }

    public Reply removeHomeApp(String app) {
        return send("DELETE", "/api/v1/workspaces/" + workspace.id() + "/messenger/home-apps/" + app,
                workspace.apiKey(), null);
    }

    /** The back office's view of a customer's state, with {@code explain}. */
    public Reply explain(String customerId) {
        return send("GET", "/api/v1/workspaces/" + workspace.id() + "/customers/" + customerId
                + "/messenger?explain=true", workspace.apiKey(), null);
    }

    // Messenger client

    public String token(String customerId) {
        return tokens().mint(workspace.id(), customerId, Duration.ofMinutes(10));
    }

    public CustomerTokens tokens() {
        return new CustomerTokens(new Workspaces(app.getConfiguration().getWorkspaces()),
                app.getConfiguration().getTokens().maxLifetime().toJavaDuration(), Clock.systemUTC());
    }

    /** {@code GET /api/v1/messenger} as the customer. */
    public Reply state(String customerId) {
        return asCustomer(customerId, "GET", "/api/v1/messenger");
    }

    public Reply tickets(String customerId) {
        return asCustomer(customerId, "GET", "/api/v1/messenger/tickets");
    }

    public Reply conversations(String customerId) {
        return asCustomer(customerId, "GET", "/api/v1/messenger/conversations");
    }

    public Reply readConversation(String customerId, String conversationId) {
        return asCustomer(customerId, "POST", "/api/v1/messenger/conversations/" + conversationId + "/read");
    }

    public Reply readTicket(String customerId, String ticketId) {
        return asCustomer(customerId, "POST", "/api/v1/messenger/tickets/" + ticketId + "/read");
    }

    public Reply asCustomer(String customerId, String method, String pathAndQuery) {
        return withToken(token(customerId), method, pathAndQuery);
    }

    /** A request with any bearer token (null: no Authorization header). */
    public Reply withToken(String token, String method, String pathAndQuery) {
        return send(method, pathAndQuery, token,
                method.equals("POST") ? Entity.entity("", MediaType.APPLICATION_JSON_TYPE) : null);
    }

    /** A back-office request with any API key (null: no Authorization header). */
    public Reply withApiKey(String apiKey, String method, String pathAndQuery, String jsonBody) {
        return send(method, pathAndQuery, apiKey,
                jsonBody == null ? null : Entity.entity(jsonBody, MediaType.APPLICATION_JSON_TYPE));
    }

    /**
     * A JSON request with the bearer credential (null: no Authorization header) and body (null: none), its
     * response checked against the {@link ApiContract}, and any headers as name, value pairs.
     */
    public Reply send(String method, String pathAndQuery, String bearer, Entity<?> body, String... headers) {
        Invocation.Builder request = app.client().target(base() + pathAndQuery).request(MediaType.APPLICATION_JSON_TYPE);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (Response response = (body == null ? request.build(method) : request.build(method, body)).invoke()) {
            byte[] bytes = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            ApiContract.check(base(), method, pathAndQuery, response.getStatus(),
                    response.getHeaderString("Content-Type"), bytes);
            return new Reply(response.getStatus(), new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** An HTTP response: its status and body. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The error code of an error body. */
        public String code() {
            return json().path("code").asText(null);
        }
    }
}
