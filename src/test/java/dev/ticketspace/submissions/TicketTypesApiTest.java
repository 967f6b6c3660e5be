package dev.ticketspace.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketTypesApiTest {
    private static final String BUG = """
            {"name": "Bug report", "fields": [
              {"id": "steps", "label": "Steps to reproduce", "type": "textarea", "required": true},
              {"id": "severity", "label": "Severity", "type": "select", "options": ["low", "high"], "required": false},
              {"id": "build", "label": "Build number", "type": "number", "required": false}]}""";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTypeIsCreatedReplacedListedForCustomersAndDeleted(Backend backend) {
        Api api = Api.isolated(backend);

        Api.Reply created = put(api, "bug", BUG);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isEqualTo("bug");
        assertThat(created.json().at("/fields/1/options").toString()).isEqualTo("[\"low\",\"high\"]");
        assertThat(put(api, "bug", BUG.replace("Bug report", "Bug")).status()).isEqualTo(200);
        assertThat(get(api, "bug").json().get("name").asText()).isEqualTo("Bug");
        Api.Reply offered = api.asCustomer(Api.id("c"), "GET", "/api/v1/messenger/ticket-types");
        assertThat(offered.status()).isEqualTo(200);
        assertThat(offered.json().get("ticketTypes")).hasSize(1);
        assertThat(offered.json().at("/ticketTypes/0/fields")).hasSize(3);
        assertThat(Api.isolated(backend).asCustomer("c1", "GET", "/api/v1/messenger/ticket-types").json()
                .get("ticketTypes")).isEmpty();

        assertThat(api.withApiKey(api.workspace().apiKey(), "DELETE", path(api, "bug"), null).status()).isEqualTo(204);
        assertThat(get(api, "bug").status()).isEqualTo(404);
        assertThat(get(api, "bug").code()).isEqualTo("unknown_ticket_type");
        assertThat(api.withToken(null, "GET", "/api/v1/messenger/ticket-types").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badTypesAreRefusedAndNothingIsSaved(Backend backend) {
        Api api = Api.isolated(backend);
        Map<String, String> refused = Map.of(
                "{\"name\": \"x\"}", "missing_field",
                "{\"name\": \"\", \"fields\": []}", "invalid_size",
                "{\"name\": \"x\", \"fields\": [{\"id\": \"a b\", \"label\": \"A\", \"type\": \"text\", \"required\": true}]}", "invalid_id",
                "{\"name\": \"x\", \"fields\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"date\", \"required\": true}]}", "invalid_value",
                "{\"name\": \"x\", \"fields\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"select\", \"required\": true}]}", "invalid_ticket_type",
                "{\"name\": \"x\", \"fields\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"text\", \"options\": [\"o\"], \"required\": true}]}", "invalid_ticket_type",
                "{\"name\": \"x\", \"fields\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"text\", \"required\": true},"
                        + " {\"id\": \"a\", \"label\": \"B\", \"type\": \"text\", \"required\": true}]}", "invalid_ticket_type",
                "{\"name\": \"x\", \"fields\": [], \"color\": \"red\"}", "unknown_field",
                "{\"name\": \"x\", \"fields\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"text\", \"required\": \"yes\"}]}", "invalid_field");
        refused.forEach((body, code) -> {
            Api.Reply reply = put(api, "bug", body);
            assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.code()).as(body + " -> " + reply.body()).isEqualTo(code);
        });
        assertThat(get(api, "bug").status()).isEqualTo(404);
    }

    private static Api.Reply put(Api api, String typeId, String body) {
        return api.withApiKey(api.workspace().apiKey(), "PUT", path(api, typeId), body);
    }

    private static Api.Reply get(Api api, String typeId) {
        return api.withApiKey(api.workspace().apiKey(), "GET", path(api, typeId), null);
    }

    private static String path(Api api, String typeId) {
        return "/api/v1/workspaces/" + api.workspaceId() + "/ticket-types/" + typeId;
    }
}
