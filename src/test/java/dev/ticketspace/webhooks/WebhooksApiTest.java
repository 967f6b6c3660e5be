package dev.ticketspace.webhooks;

import static dev.ticketspace.support.Events.conversationRead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import dev.ticketspace.store.Store;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhooksApiTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aGeneratedSecretIsShownOnceAndNeverAgain(Backend backend) {
        Api api = Api.isolated(backend);

        Api.Reply created = Hooks.put(api, "desk", Hooks.body("http://127.0.0.1:9/hooks", null, "ticket.submitted"));

        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        Api.Reply read = Hooks.get(api, "desk");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("events").toString()).isEqualTo("[\"ticket.submitted\"]");
        assertThat(read.body()).doesNotContain("secret").doesNotContain(secret);
        Api.Reply replaced = Hooks.put(api, "desk", Hooks.body("http://127.0.0.1:9/other", null, "ticket.read"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body()).doesNotContain("secret");
        assertThat(Hooks.get(api, "desk").json().get("url").asText()).isEqualTo("http://127.0.0.1:9/other");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aGivenSecretIsNotEchoed(Backend backend) {
        Api api = Api.isolated(backend);
        String secret = WebhookSecret.generate();

        Api.Reply created = Hooks.put(api, "desk", Hooks.body("http://127.0.0.1:9/hooks", secret, "ticket.read"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(secret).doesNotContain("secret");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badEndpointsAreRefusedAndNothingIsSaved(Backend backend) {
        Api api = Api.isolated(backend);
        int ownPort = api.app().getLocalPort();
        int adminPort = api.app().getAdminPort();
        Map<String, String> refused = Map.ofEntries(
                Map.entry(Hooks.body("ftp://127.0.0.1/x", null, "ticket.read"), "invalid_url"),
                Map.entry(Hooks.body("http://user:pw@127.0.0.1/x", null, "ticket.read"), "invalid_url"),
                Map.entry(Hooks.body("not a url", null, "ticket.read"), "invalid_url"),
                Map.entry(Hooks.body("http://127.0.0.1:9/x", null, "ticket.created"), "invalid_event_type"),
                Map.entry(Hooks.body("http://127.0.0.1:9/x", "whsec_c2hvcnQ=", "ticket.read"), "invalid_secret"),
                Map.entry(Hooks.body("http://127.0.0.1:9/x", "secret", "ticket.read"), "invalid_secret"),
                Map.entry(Hooks.body("http://10.1.2.3/x", null, "ticket.read"), "target_not_allowed"),
                Map.entry(Hooks.body("http://[::1]:9/x", null, "ticket.read"), "target_not_allowed"),
                Map.entry(Hooks.body("http://169.254.169.254/latest", null, "ticket.read"), "target_not_allowed"),
                Map.entry(Hooks.body("http://127.0.0.1:" + ownPort + "/api/v1/messenger", null, "ticket.read"), "target_not_allowed"),
                Map.entry(Hooks.body("http://127.0.0.1:" + adminPort + "/tasks/reload-rules", null, "ticket.read"), "target_not_allowed"),
                Map.entry(Hooks.body("http://no-such-host.invalid/x", null, "ticket.read"), "target_not_allowed"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"events\": []}", "invalid_event_type"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"events\": [\"ticket.read\"], \"extra\": 1}", "unknown_field"));
        refused.forEach((body, code) -> {
            Api.Reply reply = Hooks.put(api, "desk", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.code()).as(body).isEqualTo(code);
        });
        assertThat(Hooks.get(api, "desk").status()).isEqualTo(404);
        assertThat(Hooks.get(api, "desk").code()).isEqualTo("unknown_webhook");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKeyReachesOnlyItsOwnWorkspacesWebhooks(Backend backend) {
        Api api = Api.isolated(backend);
        Hooks.create(api, "desk", "http://127.0.0.1:9/hooks");
        Api other = Api.isolated(backend);

        Api.Reply reply = other.withApiKey(other.workspace().apiKey(), "GET", Hooks.path(api, "desk"), null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(api.withApiKey(null, "GET", Hooks.path(api, "desk"), null).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOutboxRowIsWrittenWithTheChangeAndOnlyThen(Backend backend) {
        Api api = Api.isolated(backend);
        Jdbi jdbi = Db.of(backend);
        Hooks.create(api, "desk", "http://127.0.0.1:9/hooks");
        String conversation = Hooks.reads(api, 1);
        assertThat(Hooks.outboxRows(jdbi, api.workspaceId())).isEqualTo(1);

        String read = conversationRead(conversation, 30);
        Api.Reply reply = api.postEvents(conversationRead(Api.id("unknown"), 30), read, read);

        assertThat(reply.json().findValuesAsText("status")).containsExactly("rejected", "applied", "duplicate");
        assertThat(Hooks.outboxRows(jdbi, api.workspaceId())).isEqualTo(2);
        // The outbox writes with its caller's transaction: rolled back with it, it leaves no row.
        WebhookOutbox outbox = new WebhookOutbox(new ObjectMapper(), Duration.ofHours(1), Clock.systemUTC());
        Store.configure(Db.of(backend).installPlugin(new SqlObjectPlugin())).useHandle(handle -> {
            handle.begin();
            outbox.writer(handle, api.workspaceId()).write(WebhookOutbox.CONVERSATION_READ, Instant.now(), Map.of("x", "y"));
            assertThat(handle.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE workspace_id = :ws")
                    .bind("ws", api.workspaceId()).mapTo(Integer.class).one()).isEqualTo(3);
            handle.rollback();
        });
        assertThat(Hooks.outboxRows(jdbi, api.workspaceId())).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletingAnEndpointDeletesItsDeliveries(Backend backend) {
        Api api = Api.isolated(backend);
        Hooks.create(api, "desk", "http://127.0.0.1:9/hooks");
        Hooks.reads(api, 2);

        Api.Reply deleted = api.withApiKey(api.workspace().apiKey(), "DELETE", Hooks.path(api, "desk"), null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(Hooks.get(api, "desk").status()).isEqualTo(404);
        assertThat(Hooks.deliveries(api, "desk").status()).isEqualTo(404);
        assertThat(Hooks.outboxRows(Db.of(backend), api.workspaceId())).isZero();
        assertThat(api.withApiKey(api.workspace().apiKey(), "DELETE", Hooks.path(api, "desk"), null).status())
                .isEqualTo(404);
    }
}
