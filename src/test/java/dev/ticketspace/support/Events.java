package dev.ticketspace.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * JSON of events for tests, each with a fresh id. Times are minutes after a fixed base time,
 * so tests can order events freely: {@code message("conv-1", "teammate", 5)} happened at minute 5.
 */
public final class Events {
    public static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static String at(int minute) {
        return BASE.plusSeconds(60L * minute).toString();
    }

    /** Any event: type, minute, then field names and values; values may be strings, booleans or nested nodes. */
    public static String event(String type, int minute, Object... fields) {
        ObjectNode node = JSON.createObjectNode().put("type", type).put("id", Api.id("e")).put("occurredAt", at(minute));
        for (int i = 0; i < fields.length; i += 2) {
            node.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        return node.toString();
    }

    public static ObjectNode state(String category) {
        return JSON.createObjectNode().put("category", category).put("label", category.replace('_', ' '));
    }

    public static String conversationCreated(String conversationId, String customerId, int minute) {
        return event("conversation.created", minute, "conversationId", conversationId, "customerId", customerId);
    }

    /** A shared, submitted ticket; {@code conversationId} may be null. */
    public static String ticketCreated(String ticketId, String customerId, String conversationId, int minute) {
        return conversationId == null
                ? event("ticket.created", minute, "ticketId", ticketId, "customerId", customerId,
                        "title", "Ticket " + ticketId, "state", state("submitted"))
                : event("ticket.created", minute, "ticketId", ticketId, "customerId", customerId,
                        "title", "Ticket " + ticketId, "state", state("submitted"), "conversationId", conversationId);
    }

    public static String unsharedTicketCreated(String ticketId, String customerId, int minute) {
        return event("ticket.created", minute, "ticketId", ticketId, "customerId", customerId,
                "title", "Ticket " + ticketId, "state", state("submitted"), "sharedWithCustomer", false);
    }

    public static String stateChanged(String ticketId, String category, int minute) {
        return event("ticket.state_changed", minute, "ticketId", ticketId, "state", state(category));
    }

    public static String linked(String ticketId, String conversationId, int minute) {
        return event("ticket.linked", minute, "ticketId", ticketId, "conversationId", conversationId);
    }

    public static String sharingChanged(String ticketId, boolean shared, int minute) {
        return event("ticket.sharing_changed", minute, "ticketId", ticketId, "sharedWithCustomer", shared);
    }

    /** A message from {@code customer} or {@code teammate}. */
    public static String message(String conversationId, String author, int minute) {
        return event("conversation.message_added", minute, "conversationId", conversationId,
                "messageId", Api.id("m"), "author", author);
    }

    public static String conversationState(String conversationId, String state, int minute) {
        return event("conversation.state_changed", minute, "conversationId", conversationId, "state", state);
    }

    public static String conversationRead(String conversationId, int minute) {
        return event("conversation.read", minute, "conversationId", conversationId);
    }

    public static String ticketRead(String ticketId, int minute) {
        return event("ticket.read", minute, "ticketId", ticketId);
    }
}
