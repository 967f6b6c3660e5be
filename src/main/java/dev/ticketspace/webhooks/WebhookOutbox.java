package dev.ticketspace.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes outbound messages to the outbox, one row per endpoint that subscribed to the event type, with the
 * caller's handle: the message commits, or rolls back, with the change it reports.
 */
public final class WebhookOutbox {
    public static final String TICKET_SUBMITTED = "ticket.submitted";
    public static final String CONVERSATION_READ = "conversation.read";
    public static final String TICKET_READ = "ticket.read";
    public static final List<String> EVENT_TYPES = List.of(TICKET_SUBMITTED, CONVERSATION_READ, TICKET_READ);

    private final ObjectMapper json;
    private final Duration window;
    private final Clock clock;

    public WebhookOutbox(ObjectMapper json, Duration window, Clock clock) {
        this.json = json;
        this.window = window;
        this.clock = clock;
    }

    /** Writes messages with the handle; the workspace's endpoints are read once, at the first message. */
    public Writer writer(Handle handle, String workspaceId) {
        return new Writer(handle, workspaceId);
    }

    /** Messages of one workspace, written in one transaction. */
    public final class Writer {
        private final Handle handle;
        private final String workspaceId;
        private OutboxDao dao;
        private List<EndpointRow> endpoints;

        private Writer(Handle handle, String workspaceId) {
            this.handle = handle;
            this.workspaceId = workspaceId;
        }

        /**
         * Writes {@code {"type", "timestamp", "data"}} for each subscribed endpoint of the workspace;
         * {@code data} gets the workspace id first.
         */
        public void write(String eventType, Instant occurredAt, Map<String, ?> data) {
            if (endpoints == null) {
                dao = handle.attach(OutboxDao.class);
                endpoints = dao.endpoints(workspaceId);
            }
            Instant now = clock.instant();
            String payload = null;
            for (EndpointRow endpoint : endpoints) {
                if (endpoint.wants(eventType)) {
                    payload = payload != null ? payload : payload(workspaceId, eventType, occurredAt, data);
                    dao.insertDelivery(workspaceId, newMessageId(), endpoint.id(), eventType, payload, now,
                            now.plus(window));
                }
            }
        }
    }

    private String payload(String workspaceId, String eventType, Instant occurredAt, Map<String, ?> data) {
        Map<String, Object> withWorkspace = new LinkedHashMap<>();
        withWorkspace.put("workspaceId", workspaceId);
        withWorkspace.putAll(data);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", eventType);
        message.put("timestamp", occurredAt.toString());
        message.put("data", withWorkspace);
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message of strings cannot fail to serialise", e);
        }
    }

    /** The {@code webhook-id}: {@code msg_} and 32 hex digits, a valid id for the API's paths. */
    private static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
