package dev.ticketspace.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What the events tests look at: results of a post, and a customer's state as the API shows it. */
final class Observed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Observed() {
    }

    /** The {@code id} of an event's JSON. */
    static String idOf(String eventJson) {
        try {
            return JSON.readTree(eventJson).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the results, in response order. */
    static List<String> resultIds(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().get("results").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    /** The statuses of the results, in response order. */
    static List<String> statuses(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> statuses = new ArrayList<>();
        reply.json().get("results").forEach(r -> statuses.add(r.get("status").asText()));
        return statuses;
    }

    /** The rejection codes of the results ({@code null} for results without one), in response order. */
    static List<String> codes(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        reply.json().get("results").forEach(r -> codes.add(r.hasNonNull("code") ? r.get("code").asText() : null));
        return codes;
    }

    /** The back office's view of the customer (with explain); fails unless it is a 200. */
    static JsonNode view(Api api, String customerId) {
        Api.Reply reply = api.explain(customerId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static long version(Api api, String customerId) {
        return view(api, customerId).get("version").asLong();
    }

    static JsonNode space(JsonNode view, String id) {
        for (JsonNode space : view.get("spaces")) {
            if (space.get("id").asText().equals(id)) {
                return space;
            }
        }
        throw new AssertionError("no space " + id + " in " + view);
    }

    static int badge(Api api, String customerId, String space) {
        return space(view(api, customerId), space).get("badge").asInt();
    }

    static boolean visible(Api api, String customerId, String space) {
        return space(view(api, customerId), space).get("visible").asBoolean();
    }

    /** The Tickets space list as the customer gets it; fails unless it is a 200. */
    static List<JsonNode> tickets(Api api, String customerId) {
        Api.Reply reply = api.tickets(customerId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> tickets = new ArrayList<>();
        reply.json().get("tickets").forEach(tickets::add);
        return tickets;
    }

    static List<String> ticketIds(Api api, String customerId) {
        return tickets(api, customerId).stream().map(t -> t.get("id").asText()).toList();
    }

    /** One ticket of the Tickets space list. */
    static JsonNode ticket(Api api, String customerId, String ticketId) {
        return tickets(api, customerId).stream().filter(t -> t.get("id").asText().equals(ticketId)).findFirst()
                .orElseThrow(() -> new AssertionError("ticket " + ticketId + " is not listed for " + customerId));
    }

    /** The Messages space list as the customer gets it; fails unless it is a 200. */
    static List<JsonNode> conversations(Api api, String customerId) {
        Api.Reply reply = api.conversations(customerId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> conversations = new ArrayList<>();
        reply.json().get("conversations").forEach(conversations::add);
        return conversations;
    }

    static JsonNode conversation(Api api, String customerId, String conversationId) {
        return conversations(api, customerId).stream()
                .filter(c -> c.get("id").asText().equals(conversationId)).findFirst()
                .orElseThrow(() -> new AssertionError("conversation " + conversationId + " is not listed for " + customerId));
    }

    /** A time as the API writes it (ISO-8601 UTC with milliseconds), as {@link java.time.Instant#toString()} would. */
    static String instantOf(JsonNode time) {
        assertThat(time.asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        return java.time.Instant.parse(time.asText()).toString();
    }

    /** Everything a customer's client can see, as one string: to compare before and after. */
    static String everything(Api api, String customerId) {
        Api.Reply tickets = api.tickets(customerId);
        return view(api, customerId) + "\n" + tickets.status() + " " + tickets.body() + "\n"
                + api.conversations(customerId).body();
    }
}
