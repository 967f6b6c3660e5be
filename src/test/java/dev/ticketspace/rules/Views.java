package dev.ticketspace.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the messenger's JSON in behaviour tests: spaces, badges, the Recent tickets card, lists.
 * Every accessor fails the test with the whole body when the shape is not what the API promises.
 */
final class Views {
    private Views() {
    }

    /** The body of a 200 reply; fails with the reply otherwise. */
    static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(200);
        return reply.json();
    }

    /** {@code GET /api/v1/messenger} as the customer. */
    static JsonNode state(Api api, String customerId) {
        return ok(api.state(customerId));
    }

    static JsonNode space(JsonNode state, String id) {
        for (JsonNode space : state.get("spaces")) {
            if (space.get("id").asText().equals(id)) {
                return space;
            }
        }
        throw new AssertionError("no space " + id + " in " + state);
    }

    static boolean visible(JsonNode state, String space) {
        return space(state, space).get("visible").asBoolean();
    }

    static int badge(JsonNode state, String space) {
        return space(state, space).get("badge").asInt();
    }

    /** The Recent tickets card, or null when Home does not show it. */
    static JsonNode card(JsonNode state) {
        JsonNode found = null;
        for (JsonNode card : state.get("home").get("cards")) {
            if (card.get("type").asText().equals("recent_tickets")) {
                assertThat(found).as("a second recent_tickets card in %s", state).isNull();
                found = card;
            }
        }
        return found;
    }

    /** The ticket ids on the Recent tickets card, in order; empty when there is no card. */
    static List<String> cardTicketIds(JsonNode state) {
        JsonNode card = card(state);
        return card == null ? List.of() : ids(card.get("tickets"));
    }

    /** The ids of an array of objects with {@code id}, in order. */
    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** The first page of the Tickets space list (200 expected). */
    static JsonNode ticketList(Api api, String customerId) {
        return ok(api.tickets(customerId));
    }

    static List<String> listedTicketIds(Api api, String customerId) {
        JsonNode page = ticketList(api, customerId);
        assertThat(page.get("nextCursor").isNull()).as("one page expected: %s", page).isTrue();
        return ids(page.get("tickets"));
    }

    /** The summary of one ticket in an array of ticket summaries; fails when it is missing. */
    static JsonNode ticketIn(JsonNode array, String ticketId) {
        for (JsonNode ticket : array) {
            if (ticket.get("id").asText().equals(ticketId)) {
                return ticket;
            }
        }
        throw new AssertionError("no ticket " + ticketId + " in " + array);
    }

    /** The ticket's summary as the Tickets space lists it. */
    static JsonNode listed(Api api, String customerId, String ticketId) {
        return ticketIn(ticketList(api, customerId).get("tickets"), ticketId);
    }

    /** The conversation's entry in the Messages space (first page). */
    static JsonNode conversationEntry(Api api, String customerId, String conversationId) {
        JsonNode page = ok(api.conversations(customerId));
        for (JsonNode conversation : page.get("conversations")) {
            if (conversation.get("id").asText().equals(conversationId)) {
                return conversation;
            }
        }
        throw new AssertionError("no conversation " + conversationId + " in " + page);
    }

    static Instant time(JsonNode node) {
        assertThat(node.isTextual()).as("a timestamp, not %s", node).isTrue();
        return Instant.parse(node.asText());
    }

    /** {@link Events#at(int)} as an instant. */
    static Instant minute(int minute) {
        return Instant.parse(Events.at(minute));
    }

    /**
     * A minute (in {@link Events} terms) after the present: for back-office events that must come after a
     * read the messenger client made just now (read calls are stamped with the server's clock).
     */
    static int minuteAfterNow() {
        return (int) Duration.between(Events.BASE, Instant.now()).toMinutes() + 2;
    }

    /** The events' results, asserting the reply is a 200. */
    static JsonNode results(Api.Reply reply) {
        return ok(reply).get("results");
    }
}
