package dev.ticketspace.events;

import static dev.ticketspace.events.Observed.conversations;
import static dev.ticketspace.events.Observed.idOf;
import static dev.ticketspace.events.Observed.statuses;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.event;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.state;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input to {@code POST /events}: each is a 4xx with a JSON {@code {code, message}} body, and applies
 * nothing, not even a valid event sent before the bad one in the same batch.
 */
class EventValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void malformedJsonIsInvalidJson(Backend backend) {
        Batch batch = new Batch(backend);

        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + "] "), 400, "invalid_json");
        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + "], \"events\": []}"), 400, "invalid_json");
        batch.refused(batch.api.postEventsBody("events: [" + batch.valid + "]"), 400, "invalid_json");
        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + "]} trailing"), 400, null);
        batch.refused(batch.api.postEventsBody(""), 400, null);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void malformedJsonInsideAnEventIsInvalidJson(Backend backend) {
        Batch batch = new Batch(backend);

        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + ", {\"type\": "), 400, "invalid_json");
        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + ", {\"type\": \"conversation.read\", }]}"),
                400, "invalid_json");
        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + ", {\"id\": x}]}"), 400, "invalid_json");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnknownEventTypeIsRefused(Backend backend) {
        Batch batch = new Batch(backend);

        batch.refused(batch.post(event("ticket.deleted", 2, "ticketId", "t-1")), 400, "unknown_event_type");
        batch.refused(batch.post(with(message("conv-1", "teammate", 2), "type", "Conversation.Message_Added")),
                400, "unknown_event_type");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMissingFieldIsRefused(Backend backend) {
        Batch batch = new Batch(backend);

        batch.refused(batch.post(without(message("conv-1", "teammate", 2), "type")), 400, "missing_field");
        batch.refused(batch.post(without(message("conv-1", "teammate", 2), "id")), 400, "missing_field");
        batch.refused(batch.post(without(message("conv-1", "teammate", 2), "occurredAt")), 400, "missing_field");
        batch.refused(batch.post(without(message("conv-1", "teammate", 2), "author")), 400, "missing_field");
        batch.refused(batch.post(event("ticket.state_changed", 2, "ticketId", "t-1")), 400, "missing_field");
        batch.refused(batch.post(event("ticket.created", 2, "ticketId", "t-1", "customerId", batch.customer,
                "title", "No state")), 400, "missing_field");
        batch.refused(batch.post(event("ticket.created", 2, "ticketId", "t-1", "customerId", batch.customer,
                "title", "No label", "state", JSON.createObjectNode().put("category", "submitted"))), 400, "missing_field");
        batch.refused(batch.post("null"), 400, "missing_field");
        batch.refused(batch.api.postEventsBody("{}"), 400, "missing_field");
        batch.refused(batch.api.postEventsBody("{\"events\": null}"), 400, "missing_field");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anIdOfBadCharactersOrLengthIsRefused(Backend backend) {
        Batch batch = new Batch(backend);
        String tooLong = "t".repeat(129);

        Api.Reply reply = batch.post(ticketCreated("bad id", batch.customer, null, 2));
        batch.refused(reply, 400, "invalid_id");
        assertThat(reply.json().get("message").asText()).contains("events[1].ticketId");
        batch.refused(batch.post(ticketCreated("t/1", batch.customer, null, 2)), 400, "invalid_id");
        batch.refused(batch.post(ticketCreated("tické", batch.customer, null, 2)), 400, "invalid_id");
        batch.refused(batch.post(ticketCreated("", batch.customer, null, 2)), 400, "invalid_id");
        batch.refused(batch.post(ticketCreated(tooLong, batch.customer, null, 2)), 400, "invalid_id");
        batch.refused(batch.post(ticketCreated("t-1", "c 1", null, 2)), 400, "invalid_id");
        batch.refused(batch.post(with(message("conv-1", "teammate", 2), "id", "e;1")), 400, "invalid_id");
        batch.refused(batch.post(with(message("conv-1", "teammate", 2), "messageId", tooLong)), 400, "invalid_id");
        // the longest id and every allowed character are fine
        String longest = "Az09._:-" + "x".repeat(120);
        assertThat(statuses(batch.api.postEvents(ticketCreated(longest, batch.customer, null, 2))))
                .containsExactly("applied");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aValueOfTheWrongTypeIsRefused(Backend backend) {
        Batch batch = new Batch(backend);
        String ticket = ticketCreated("t-1", batch.customer, null, 2);

        Api.Reply reply = batch.post(with(ticket, "ticketId", 7));
        batch.refused(reply, 400, "invalid_field");
        assertThat(reply.json().get("message").asText()).contains("events[1].ticketId");
        batch.refused(batch.post(with(ticket, "title", true)), 400, "invalid_field");
        batch.refused(batch.post(with(ticket, "sharedWithCustomer", "yes")), 400, "invalid_field");
        batch.refused(batch.post(with(ticket, "sharedWithCustomer", 1)), 400, "invalid_field");
        batch.refused(batch.post(with(ticket, "state", "submitted")), 400, "invalid_field");
        batch.refused(batch.post(with(ticket, "customerId", JSON.createObjectNode())), 400, "invalid_field");
        batch.refused(batch.post(with(ticket, "type", 3)), 400, null);
        batch.refused(batch.api.postEventsBody("{\"events\": " + batch.valid + "}"), 400, "invalid_field");
        batch.refused(batch.api.postEventsBody("[" + batch.valid + "]"), 400, "invalid_field");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnknownFieldIsRefused(Backend backend) {
        Batch batch = new Batch(backend);

        Api.Reply reply = batch.post(with(message("conv-1", "teammate", 2), "priority", "high"));
        batch.refused(reply, 400, "unknown_field");
        assertThat(reply.json().get("message").asText()).contains("priority");
        batch.refused(batch.post(with(ticketCreated("t-1", batch.customer, null, 2), "state",
                state("submitted").put("color", "red"))), 400, "unknown_field");
        batch.refused(batch.api.postEventsBody("{\"events\": [" + batch.valid + "], \"dryRun\": true}"),
                400, "unknown_field");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBatchOfNoneOrOverFiveHundredEventsIsRefused(Backend backend) {
        Batch batch = new Batch(backend);

        batch.refused(batch.api.postEventsBody("{\"events\": []}"), 400, "invalid_batch_size");

        List<String> events = new ArrayList<>();
        events.add(batch.valid);
        String conv = Api.id("conv");
        events.add(conversationCreated(conv, batch.customer, 1));
        String message = message(conv, "customer", 2);
        while (events.size() < 501) {
            events.add(message);
        }
        batch.refused(batch.api.postEvents(events.toArray(String[]::new)), 400, "invalid_batch_size");
        assertThat(Db.messageCount(Db.of(backend), batch.api.workspaceId(), conv)).isEmpty();

        // 500 is the most a batch may hold (the same message 499 times keeps it quick: duplicates after the first)
        events.remove(0);
        Api.Reply full = post(batch.api, "{\"events\": [" + String.join(",", events) + "]}", false);
        List<String> statuses = statuses(full);
        assertThat(statuses).hasSize(500);
        assertThat(statuses.subList(0, 2)).containsOnly("applied");
        assertThat(statuses.subList(2, 500)).containsOnly("duplicate");
        assertThat(Db.messageCount(Db.of(backend), batch.api.workspaceId(), conv)).contains(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyOverOneMebibyteIsRefused(Backend backend) {
        Batch batch = new Batch(backend);
        String conv = Api.id("conv");

        batch.refused(post(batch.api, overOneMebibyte(batch, conv), false), 413, "body_too_large");
        batch.refused(post(batch.api, "{\"events\": [" + batch.valid + "," + event("ticket.created", 2, "ticketId", "t-1",
                "customerId", batch.customer, "title", "x".repeat(1024 * 1024), "state", state("submitted")) + "]}", false),
                413, "body_too_large");
        assertThat(Db.messageCount(Db.of(backend), batch.api.workspaceId(), conv)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStreamedBodyOverOneMebibyteIsRefused(Backend backend) {
        Batch batch = new Batch(backend);
        String conv = Api.id("conv");

        batch.refused(post(batch.api, overOneMebibyte(batch, conv), true), 413, "body_too_large");
        assertThat(Db.messageCount(Db.of(backend), batch.api.workspaceId(), conv)).isEmpty();
    }

    /** A valid batch, but over 1 MiB: the valid event, a conversation and messages in it. */
    private static String overOneMebibyte(Batch batch, String conv) {
        StringBuilder body = new StringBuilder("{\"events\": [").append(batch.valid);
        body.append(',').append(conversationCreated(conv, batch.customer, 1));
        while (body.length() <= 1024 * 1024) {
            body.append(',').append(message(conv, "customer", 2));
        }
        return body.append("]}").toString();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStringOverItsMaximumSizeIsRefused(Backend backend) {
        Batch batch = new Batch(backend);

        Api.Reply reply = batch.post(event("ticket.created", 2, "ticketId", "t-1", "customerId", batch.customer,
                "title", "x".repeat(256), "state", state("submitted")));
        batch.refused(reply, 400, "invalid_size");
        assertThat(reply.json().get("message").asText()).contains("events[1].title");
        batch.refused(batch.post(event("ticket.created", 2, "ticketId", "t-1", "customerId", batch.customer,
                "title", "", "state", state("submitted"))), 400, "invalid_size");
        batch.refused(batch.post(event("ticket.created", 2, "ticketId", "t-1", "customerId", batch.customer,
                "title", "Long label", "state", state("submitted").put("label", "l".repeat(101)))), 400, "invalid_size");
        // 255 characters, any of them, are a title
        String title = "é✓ ".repeat(85);
        String ticket = Api.id("t");
        assertThat(statuses(batch.api.postEvents(event("ticket.created", 2, "ticketId", ticket,
                "customerId", batch.customer, "title", title, "state", state("submitted"))))).containsExactly("applied");
        assertThat(Observed.ticket(batch.api, batch.customer, ticket).get("title").asText()).isEqualTo(title);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aValueOutsideItsChoicesIsRefused(Backend backend) {
        Batch batch = new Batch(backend);

        Api.Reply reply = batch.post(event("ticket.created", 2, "ticketId", "t-1", "customerId", batch.customer,
                "title", "Bad state", "state", state("closed")));
        batch.refused(reply, 400, "invalid_value");
        assertThat(reply.json().get("message").asText()).contains("events[1].state.category");
        batch.refused(batch.post(event("ticket.state_changed", 2, "ticketId", "t-1", "state", state("Resolved"))),
                400, "invalid_value");
        batch.refused(batch.post(message("conv-1", "bot", 2)), 400, "invalid_value");
        batch.refused(batch.post(event("conversation.state_changed", 2, "conversationId", "conv-1",
                "state", "archived")), 400, "invalid_value");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOccurredAtThatIsNotATimeIsRefused(Backend backend) {
        Batch batch = new Batch(backend);
        String message = message("conv-1", "teammate", 2);

        Api.Reply reply = batch.post(with(message, "occurredAt", "yesterday"));
        batch.refused(reply, 400, "invalid_field");
        assertThat(reply.json().get("message").asText()).contains("events[1].occurredAt");
        batch.refused(batch.post(with(message, "occurredAt", "2026-13-01T00:00:00Z")), 400, "invalid_field");
        batch.refused(batch.post(with(message, "occurredAt", true)), 400, "invalid_field");
        batch.refused(batch.post(with(message, "occurredAt", "1969-12-31T23:59:59.999Z")), 400, "invalid_time");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyThatIsNotJsonIsRefused(Backend backend) {
        Batch batch = new Batch(backend);
        HttpResponse<String> empty = send(HttpRequest.newBuilder(events(batch.api))
                .header("Authorization", "Bearer " + batch.api.workspace().apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        batch.refused(new Api.Reply(empty.statusCode(), empty.body()), 400, null);

        HttpResponse<String> plain = send(HttpRequest.newBuilder(events(batch.api))
                .header("Authorization", "Bearer " + batch.api.workspace().apiKey())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + batch.valid + "]}")).build());
        batch.refused(new Api.Reply(plain.statusCode(), plain.body()), 415, "unsupported_media_type");
    }

    /** A fresh customer and a valid event for it, sent first in each refused batch. */
    private static final class Batch {
        final Api api;
        final Backend backend;
        final String customer = Api.id("c");
        final String valid;

        Batch(Backend backend) {
            this.backend = backend;
            this.api = Api.demo(backend);
            this.valid = conversationCreated(Api.id("conv"), customer, 1);
        }

        /** Posts the valid event, then the given one. */
        Api.Reply post(String bad) {
            return api.postEvents(valid, bad);
        }

        /** The reply is the status with a JSON error of that code (any when null), and nothing was applied. */
        void refused(Api.Reply reply, int status, String code) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(status);
            JsonNode error = reply.json();
            assertThat(error.path("code").asText()).as(reply.body()).matches("[a-z]+(_[a-z]+)*");
            if (code != null) {
                assertThat(error.path("code").asText()).as(reply.body()).isEqualTo(code);
            }
            assertThat(error.path("message").asText()).as(reply.body()).isNotBlank()
                    .doesNotContain("Exception").doesNotContain("dev.ticketspace").doesNotContain("\tat ");
            assertThat(conversations(api, customer)).isEmpty();
            assertThat(Db.appliedEvents(Db.of(backend), api.workspaceId(), idOf(valid))).isZero();
        }
    }

    private static String with(String eventJson, String field, Object value) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(eventJson);
            node.set(field, JSON.valueToTree(value));
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String eventJson, String field) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(eventJson);
            node.remove(field);
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI events(Api api) {
        return URI.create(api.base() + "/api/v1/workspaces/" + api.workspaceId() + "/events");
    }

    /** Posts the body with a Content-Length, or streamed in chunks without one. */
    private static Api.Reply post(Api api, String body, boolean chunked) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(events(api))
                .header("Authorization", "Bearer " + api.workspace().apiKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                        : HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        return new Api.Reply(response.statusCode(), response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return ApiContract.checked(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build().send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
