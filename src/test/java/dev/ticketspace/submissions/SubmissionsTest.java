package dev.ticketspace.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubmissionsTest {
    private static final String TYPE = """
            {"name": "Bug report", "fields": [
              {"id": "steps", "label": "Steps", "type": "textarea", "required": true},
              {"id": "severity", "label": "Severity", "type": "select", "options": ["low", "high"], "required": false},
              {"id": "build", "label": "Build", "type": "number", "required": false}]}""";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSubmittedTicketIsOnTheListAndCardAtOnceBadgedAndGoesOutAsAWebhook(Backend backend) {
        Api api = Api.isolated(backend);
        defineType(api);
        api.withApiKey(api.workspace().apiKey(), "PUT", "/api/v1/workspaces/" + api.workspaceId() + "/webhooks/desk",
                "{\"url\": \"http://127.0.0.1:9/hooks\", \"events\": [\"ticket.submitted\"]}");
        String customer = Api.id("c");

        Api.Reply reply = submit(api, customer, null, "{\"typeId\": \"bug\", \"title\": \"It crashes\", "
                + "\"fields\": {\"steps\": \"open it\", \"severity\": \"high\", \"build\": 42}}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode ticket = reply.json();
        assertThat(ticket.get("id").asText()).matches("[A-Za-z0-9._:-]{1,128}");
        assertThat(ticket.get("title").asText()).isEqualTo("It crashes");
        assertThat(ticket.at("/state/category").asText()).isEqualTo("submitted");
        assertThat(ticket.at("/state/label").asText()).isEqualTo("Submitted");
        assertThat(ticket.get("conversationId").asText()).isNotEmpty();
        assertThat(ticket.get("action").asText()).isEqualTo("send_message");
        JsonNode listed = api.tickets(customer).json().get("tickets");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).isEqualTo(ticket);
        JsonNode state = api.state(customer).json();
        assertThat(state.at("/home/cards/0/tickets/0/id").asText()).isEqualTo(ticket.get("id").asText());
        assertThat(state.at("/spaces/2/badge").asInt()).isEqualTo(1);
        Jdbi jdbi = Db.of(backend);
        String payload = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT payload FROM webhook_deliveries WHERE workspace_id = :ws AND event_type = 'ticket.submitted'")
                .bind("ws", api.workspaceId()).mapTo(String.class).one());
        assertThat(payload).contains("\"ticketId\":\"" + ticket.get("id").asText() + "\"").contains("\"build\":42")
                .contains("\"typeId\":\"bug\"");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void invalidFieldsAreNamedAndChangeNothing(Backend backend) {
        Api api = Api.isolated(backend);
        defineType(api);
        String customer = Api.id("c");
        String[][] cases = {
                {"{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {}}", "steps"},
                {"{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {\"steps\": \"  \"}}", "steps"},
                {"{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {\"steps\": \"s\", \"severity\": \"mid\"}}", "severity"},
                {"{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {\"steps\": \"s\", \"build\": \"42\"}}", "build"},
                {"{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {\"steps\": \"s\", \"color\": \"red\"}}", "color"},
                {"{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {\"steps\": \"" + "x".repeat(10_001) + "\"}}", "steps"}};
        for (String[] c : cases) {
            Api.Reply reply = submit(api, customer, null, c[0]);
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("invalid_field");
            assertThat(reply.json().get("message").asText()).startsWith("fields." + c[1] + ":");
        }
        Api.Reply unknown = submit(api, customer, null, "{\"typeId\": \"nope\", \"title\": \"t\", \"fields\": {}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown_ticket_type");
        assertThat(submit(api, customer, null, "{\"typeId\": \"bug\", \"fields\": {}}").status()).isEqualTo(400);
        assertThat(api.tickets(customer).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theSameKeyAnswersTheSameTicketOnAnyReplicaAndTheHourlyLimitHolds(Backend backend) throws Exception {
        Api api = Api.isolated(backend);
        defineType(api);
        String customer = Api.id("c");
        String body = "{\"typeId\": \"bug\", \"title\": \"t\", \"fields\": {\"steps\": \"s\"}}";
        DropwizardAppExtension<TicketspaceConfiguration> other = backend.newApp(
                api.app().getConfiguration().getDatabase().getUrl());
        other.before();
        try {
            Api replica = new Api(other, api.workspaceId());
            Api.Reply first = submit(api, customer, "key-1", body);
            Api.Reply again = submit(replica, customer, "key-1", body);
            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
            assertThat(api.tickets(customer).json().get("tickets")).hasSize(1);
            for (int i = 2; i <= 5; i++) {
                assertThat(submit(i % 2 == 0 ? replica : api, customer, "key-" + i, body).status()).isEqualTo(201);
            }
            Api.Reply over = submit(replica, customer, "key-6", body);
            assertThat(over.status()).isEqualTo(429);
            assertThat(over.json().get("code").asText()).isEqualTo("too_many_submissions");
            assertThat(submit(api, customer, "key-1", body).json().get("id")).isEqualTo(first.json().get("id"));
            assertThat(api.tickets(customer).json().get("tickets")).hasSize(5);
        } finally {
            other.after();
        }
    }

    private static void defineType(Api api) {
        assertThat(api.withApiKey(api.workspace().apiKey(), "PUT",
                "/api/v1/workspaces/" + api.workspaceId() + "/ticket-types/bug", TYPE).status()).isEqualTo(201);
    }

    private static Api.Reply submit(Api api, String customerId, String key, String body) {
        String[] idempotencyKey = key == null ? new String[0] : new String[] {"Idempotency-Key", key};
        return api.send("POST", "/api/v1/messenger/tickets", api.token(customerId),
                Entity.entity(body, MediaType.APPLICATION_JSON_TYPE), idempotencyKey);
    }
}
