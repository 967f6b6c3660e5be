package dev.ticketspace.integrations;

import static dev.ticketspace.integrations.HelpDesk.accepted;
import static dev.ticketspace.integrations.HelpDesk.badge;
import static dev.ticketspace.integrations.HelpDesk.chatwoot;
import static dev.ticketspace.integrations.HelpDesk.chatwootSignature;
import static dev.ticketspace.integrations.HelpDesk.conversations;
import static dev.ticketspace.integrations.HelpDesk.fixture;
import static dev.ticketspace.integrations.HelpDesk.tickets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.RawHttp;
import dev.ticketspace.support.Refusals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chatwoot's account webhooks, signed as Chatwoot signs them, end to end to what the customer's messenger
 * shows. The workspace's ticket label is {@code Ticket}; Chatwoot sends labels as they were typed.
 */
class ChatwootTest {
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000));

    /** One Chatwoot conversation of a fresh contact, and the deliveries about it. */
    private static final class Conversation {
        final long id = IDS.incrementAndGet();
        final long contact = IDS.incrementAndGet();
        final String customer = "chatwoot:" + contact;
        /** Whole seconds: on MariaDB the MySQL driver stores no fractions of a second. */
        final Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);

        Map<String, String> values(String status, String labels, int second) {
            Map<String, String> values = new HashMap<>();
            values.put("conversation", Long.toString(id));
            values.put("contact", Long.toString(contact));
            values.put("status", status);
            values.put("labels", labels);
            values.put("epoch", Long.toString(start.getEpochSecond()));
            values.put("updated", (start.getEpochSecond() + second) + ".25");
            return values;
        }

        byte[] conversation(String event, String status, String labels, int second) {
            return fixture("chatwoot/" + event + ".json", values(status, labels, second));
        }

        byte[] message(Object messageType, boolean isPrivate, int second) {
            Map<String, String> values = values("open", "[\"Ticket\"]", second);
            values.put("message", Long.toString(IDS.incrementAndGet()));
            values.put("content", isPrivate ? "note to self: refund later" : "Hello");
            values.put("time", start.plusSeconds(second).toString());
            values.put("message_type", messageType instanceof String text ? "\"" + text + "\"" : messageType.toString());
            values.put("private", Boolean.toString(isPrivate));
            return fixture("chatwoot/message_created.json", values);
        }

        String ticketId() {
            return "chatwoot:" + id;
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLabelledConversationIsASharedTicketAndItsMessagesReachTheCustomer(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();

        accepted(chatwoot(api, conversation.conversation("conversation_created", "open", "[\"support\", \"ticket\"]", 0)),
                "applied");
        JsonNode listed = tickets(api, conversation.customer);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(conversation.ticketId());
        assertThat(listed.get(0).get("conversationId").asText()).isEqualTo(conversation.ticketId());
        assertThat(listed.get(0).get("title").asText()).isEqualTo("Conversation #" + conversation.id);
        assertThat(listed.get(0).get("state")).hasToString("{\"category\":\"in_progress\",\"label\":\"In progress\"}");

        accepted(chatwoot(api, conversation.message("incoming", false, 1)), "applied");
        assertThat(badge(api, conversation.customer, "messages")).isZero();
        accepted(chatwoot(api, conversation.message(1, false, 2)), "applied");
        assertThat(badge(api, conversation.customer, "messages")).as("a teammate's reply, message_type 1").isEqualTo(1);
        accepted(chatwoot(api, conversation.message(0, false, 3)), "applied");
        JsonNode summary = conversations(api, conversation.customer).get(0);
        assertThat(Instant.parse(summary.get("lastMessageAt").asText())).isEqualTo(conversation.start.plusSeconds(3));
        assertThat(tickets(api, conversation.customer).get(0).get("action").asText()).isEqualTo("continue_conversation");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statusesBecomeTheTicketsStateAndTheConversationsState(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();
        accepted(chatwoot(api, conversation.conversation("conversation_created", "pending", "[\"Ticket\"]", 0)), "applied");
        assertThat(tickets(api, conversation.customer).get(0).get("state").get("category").asText()).isEqualTo("submitted");

        accepted(chatwoot(api, conversation.conversation("conversation_status_changed", "snoozed", "[\"Ticket\"]", 1)),
                "applied");
        assertThat(tickets(api, conversation.customer).get(0).get("state").get("category").asText())
                .isEqualTo("waiting_on_customer");
        assertThat(conversations(api, conversation.customer).get(0).get("state").asText()).isEqualTo("snoozed");

        accepted(chatwoot(api, conversation.conversation("conversation_status_changed", "RESOLVED", "[\"Ticket\"]", 2)),
                "applied");
        assertThat(tickets(api, conversation.customer).get(0).get("state").get("category").asText()).isEqualTo("resolved");
        assertThat(conversations(api, conversation.customer).get(0).get("state").asText()).isEqualTo("closed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theTicketFollowsTheLabel(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();
        accepted(chatwoot(api, conversation.conversation("conversation_created", "open", "[]", 0)), "applied");
        assertThat(api.tickets(conversation.customer).code()).as("no label, no ticket").isEqualTo("tickets_space_hidden");
        assertThat(conversations(api, conversation.customer)).hasSize(1);

        accepted(chatwoot(api, conversation.conversation("conversation_updated", "open", "[\"Ticket\"]", 1)), "applied");
        assertThat(tickets(api, conversation.customer)).hasSize(1);
        accepted(chatwoot(api, conversation.conversation("conversation_updated", "open", "[\"billing\"]", 2)), "applied");
        assertThat(api.tickets(conversation.customer).code()).isEqualTo("tickets_space_hidden");
        accepted(chatwoot(api, conversation.conversation("conversation_updated", "open", "[\"ticket\"]", 3)), "applied");
        assertThat(tickets(api, conversation.customer)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMessageBeforeItsConversationCreatesTheConversationFromTheMessagesOwnData(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();
        accepted(chatwoot(api, conversation.message("outgoing", false, 2)), "applied");
        assertThat(tickets(api, conversation.customer)).hasSize(1);
        assertThat(badge(api, conversation.customer, "messages")).isEqualTo(1);

        JsonNode late = accepted(chatwoot(api, conversation.conversation("conversation_created", "open",
                "[\"Ticket\"]", 0)), "duplicate");
        assertThat(late.get("results")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void privateNotesNeverReachTheCustomer(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();
        accepted(chatwoot(api, conversation.conversation("conversation_created", "open", "[\"Ticket\"]", 0)), "applied");
        String before = api.state(conversation.customer).body();
        Fingerprint database = Fingerprint.of(backend);

        accepted(chatwoot(api, conversation.message("outgoing", true, 1)), "ignored");
        accepted(chatwoot(api, conversation.message(1, true, 2)), "ignored");

        database.assertUnchanged("private notes");
        assertThat(api.state(conversation.customer).body()).isEqualTo(before);
        assertThat(conversations(api, conversation.customer).get(0).get("lastMessageAt").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsTheMappingDoesNotUseAnswer200AndChangeNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();
        accepted(chatwoot(api, conversation.conversation("conversation_created", "open", "[\"Ticket\"]", 0)), "applied");
        Fingerprint database = Fingerprint.of(backend);

        accepted(chatwoot(api, fixture("chatwoot/contact_created.json", Map.of())), "ignored");
        accepted(chatwoot(api, conversation.message("activity", false, 1)), "ignored");

        database.assertUnchanged("unused Chatwoot events");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReplayedDeliveryAnswers200AndChangesNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        Conversation conversation = new Conversation();
        byte[] created = conversation.conversation("conversation_created", "open", "[\"Ticket\"]", 0);
        byte[] resolved = conversation.conversation("conversation_status_changed", "resolved", "[\"Ticket\"]", 1);
        byte[] message = conversation.message("incoming", false, 2);
        accepted(chatwoot(api, created), "applied");
        accepted(chatwoot(api, resolved), "applied");
        accepted(chatwoot(api, message), "applied");
        Fingerprint database = Fingerprint.of(backend);

        accepted(chatwoot(api, resolved), "duplicate");
        accepted(chatwoot(api, message), "duplicate");
        accepted(chatwoot(api, created), "duplicate");
        database.assertUnchanged("the same deliveries again, freshly signed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deliveriesWithoutAGoodFreshSignatureAre401AndChangeNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        byte[] body = new Conversation().conversation("conversation_created", "open", "[\"Ticket\"]", 0);
        String now = Long.toString(Instant.now().getEpochSecond());
        String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        String future = Long.toString(Instant.now().plusSeconds(600).getEpochSecond());
        String good = chatwootSignature(HelpDesk.CHATWOOT_SECRET, now, body);
        String bareHex = good.substring("sha256=".length());
        Fingerprint database = Fingerprint.of(backend);

        refused(HelpDesk.post(api, "chatwoot", body), "missing_signature");
        refused(chatwoot(api, body, "X-Chatwoot-Signature", good), "missing_signature");
        refused(chatwoot(api, body, "X-Chatwoot-Signature", bareHex, "X-Chatwoot-Timestamp", now), "invalid_signature");
        refused(chatwoot(api, body, "X-Chatwoot-Signature", chatwootSignature("another-secret", now, body),
                "X-Chatwoot-Timestamp", now), "invalid_signature");
        refused(chatwoot(api, (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8),
                "X-Chatwoot-Signature", good, "X-Chatwoot-Timestamp", now), "invalid_signature");
        refused(chatwoot(api, body, "X-Chatwoot-Signature", chatwootSignature(HelpDesk.CHATWOOT_SECRET, stale, body),
                "X-Chatwoot-Timestamp", stale), "stale_signature");
        refused(chatwoot(api, body, "X-Chatwoot-Signature", chatwootSignature(HelpDesk.CHATWOOT_SECRET, future, body),
                "X-Chatwoot-Timestamp", future), "stale_signature");
        refused(chatwoot(api, body, "X-Chatwoot-Signature", chatwootSignature(HelpDesk.CHATWOOT_SECRET, "soon", body),
                "X-Chatwoot-Timestamp", "soon"), "invalid_signature");

        database.assertUnchanged("unsigned, forged and stale deliveries");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSignedPayloadTheAdapterCannotReadIs400(Backend backend) {
        Api api = HelpDesk.api(backend);
        Fingerprint database = Fingerprint.of(backend);
        Refusals.assertRefused(chatwoot(api, "{\"event\":".getBytes(StandardCharsets.UTF_8)), 400, "cut short",
                "invalid_json");
        Conversation conversation = new Conversation();
        String noContact = new String(conversation.conversation("conversation_created", "open", "[\"Ticket\"]", 0),
                StandardCharsets.UTF_8).replace("\"contact_id\"", "\"contact\"").replace("\"type\": \"contact\"", "\"type\": \"x\"")
                .replaceFirst("\"id\": " + conversation.contact, "\"idx\": 1");
        JsonNode error = Refusals.assertRefused(chatwoot(api, noContact.getBytes(StandardCharsets.UTF_8)), 400,
                "no contact", "invalid_payload");
        assertThat(error.get("message").asText()).contains("meta.sender.id");
        Refusals.assertRefused(chatwoot(api, conversation.conversation("conversation_status_changed", "archived",
                "[\"Ticket\"]", 1)), 400, "an unknown status", "invalid_payload");
        database.assertUnchanged("unreadable deliveries");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWorkspaceWithoutTheIntegrationAnswers404(Backend backend) {
        Refusals.assertRefused(chatwoot(Api.demo(backend), new Conversation().conversation("conversation_created", "open",
                "[]", 0)), 404, "demo has no Chatwoot secret", "integration_not_configured");
    }

    private static void refused(RawHttp.Response response, String code) {
        Refusals.assertRefused(response, 401, "signature check", code);
    }
}
