package dev.ticketspace.webhooks;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationRead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/** Webhook endpoints through the back-office API, messages to deliver, and an independent signature check. */
final class Hooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hooks() {
    }

    static String body(String url, String secret, String... events) {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        body.putArray("events").addAll(java.util.Arrays.stream(events).map(JSON.getNodeFactory()::textNode).toList());
        if (secret != null) {
            body.put("secret", secret);
        }
        return body.toString();
    }

    static Api.Reply put(Api api, String endpointId, String jsonBody) {
        return api.withApiKey(api.workspace().apiKey(), "PUT", path(api, endpointId), jsonBody);
    }

    /** Creates an endpoint for conversation.read and ticket.read; answers its generated secret. */
    static String create(Api api, String endpointId, String url) {
        Api.Reply reply = put(api, endpointId, body(url, null, "conversation.read", "ticket.read"));
        if (reply.status() != 201) {
            throw new AssertionError("endpoint not created: " + reply);
        }
        return reply.json().get("secret").asText();
    }

    static Api.Reply get(Api api, String endpointId) {
        return api.withApiKey(api.workspace().apiKey(), "GET", path(api, endpointId), null);
    }

    static Api.Reply deliveries(Api api, String endpointId) {
        return api.withApiKey(api.workspace().apiKey(), "GET", path(api, endpointId) + "/deliveries", null);
    }

    static Api.Reply retry(Api api, String endpointId, String deliveryId) {
        return api.withApiKey(api.workspace().apiKey(), "POST",
                path(api, endpointId) + "/deliveries/" + deliveryId + "/retry", "");
    }

    static JsonNode delivery(Api api, String endpointId, String deliveryId) {
        for (JsonNode delivery : deliveries(api, endpointId).json().get("deliveries")) {
            if (delivery.get("id").asText().equals(deliveryId)) {
                return delivery;
            }
        }
        throw new AssertionError("no delivery " + deliveryId);
    }

    static String path(Api api, String endpointId) {
        return "/api/v1/workspaces/" + api.workspaceId() + "/webhooks/" + endpointId;
    }

    /** A new customer's conversation read {@code count} times: that many conversation.read messages. */
    static String reads(Api api, int count) {
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        List<String> events = new ArrayList<>();
        events.add(conversationCreated(conversation, customer, 1));
        for (int i = 0; i < count; i++) {
            events.add(conversationRead(conversation, 2 + i));
        }
        api.apply(events.toArray(String[]::new));
        return conversation;
    }

    /** Outbox rows of the workspace. */
    static int outboxRows(Jdbi jdbi, String workspaceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE workspace_id = :ws")
                .bind("ws", workspaceId).mapTo(Integer.class).one());
    }

    /** Standard Webhooks' check, written out here independently of the service's code. */
    static boolean signatureVerifies(String secret, Receiver.Received request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = request.id() + "." + request.timestamp() + "." + request.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(request.signature().split(" ")).contains(expected);
    }
}
