package dev.ticketspace.integrations;

import static dev.ticketspace.integrations.HelpDesk.accepted;
import static dev.ticketspace.integrations.HelpDesk.badge;
import static dev.ticketspace.integrations.HelpDesk.conversations;
import static dev.ticketspace.integrations.HelpDesk.fixture;
import static dev.ticketspace.integrations.HelpDesk.tickets;
import static dev.ticketspace.integrations.HelpDesk.zendesk;
import static dev.ticketspace.integrations.HelpDesk.zendeskSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.RawHttp;
import dev.ticketspace.support.Refusals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Zendesk's ticket webhooks, signed as Zendesk signs them, end to end to what the customer's messenger shows. */
class ZendeskTest {
    /** One Zendesk ticket of a fresh requester, and the deliveries about it. */
    private static final class Ticket {
        final String id = Api.id("zt");
        final String requester;
        final String customer;
        /** Whole seconds: on MariaDB the MySQL driver stores no fractions of a second (see the report). */
        final Instant created = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        private int deliveries;

        Ticket() {
            this(Api.id("zr"));
        }

        Ticket(String requester) {
            this.requester = requester;
            this.customer = "zendesk:" + requester;
        }

        Map<String, String> values(String status, Instant at) {
            Map<String, String> values = new HashMap<>();
            values.put("ticket", id);
            values.put("requester", requester);
            values.put("actor", requester);
            values.put("event", id + "-ev" + ++deliveries);
            values.put("status", status);
            values.put("subject", "Order never arrived");
            values.put("created", created.toString());
            values.put("time", at.toString());
            return values;
        }

        byte[] created() {
            return fixture("zendesk/ticket.created.json", values("NEW", created));
        }

        byte[] statusChanged(String previous, String current, Instant at) {
            Map<String, String> values = values(current, at);
            values.put("previous", previous);
            values.put("current", current);
            return fixture("zendesk/ticket.status_changed.json", values);
        }

        byte[] comment(String author, boolean isPublic, Instant at) {
            Map<String, String> values = values("OPEN", at);
            values.put("comment", Api.id("zc"));
            values.put("author", author);
            values.put("staff", Boolean.toString(!author.equals(requester)));
            values.put("public", Boolean.toString(isPublic));
            values.put("body", isPublic ? "We are on it" : "internal: refund approved, do not tell yet");
            return fixture("zendesk/ticket.comment_added.json", values);
        }

        byte[] event(String type, Instant at) {
            return fixture("zendesk/ticket." + type + ".json", values("OPEN", at));
        }
    }

    private static Instant soon(Ticket ticket, int seconds) {
        return ticket.created.plusSeconds(seconds);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewTicketAndItsPublicRepliesReachTheCustomer(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();

        accepted(zendesk(api, ticket.created()), "applied");
        JsonNode listed = tickets(api, ticket.customer);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo("zendesk:" + ticket.id);
        assertThat(listed.get(0).get("title").asText()).isEqualTo("Order never arrived");
        assertThat(listed.get(0).get("state").get("category").asText()).isEqualTo("submitted");
        assertThat(listed.get(0).get("conversationId").asText()).isEqualTo("zendesk:" + ticket.id);
        assertThat(listed.get(0).get("action").asText()).isEqualTo("send_message");
        assertThat(badge(api, ticket.customer, "tickets")).isEqualTo(1);

        accepted(zendesk(api, ticket.comment(ticket.requester, true, soon(ticket, 1))), "applied");
        assertThat(badge(api, ticket.customer, "messages")).as("the customer's own message lights nothing").isZero();
        accepted(zendesk(api, ticket.comment("7001", true, soon(ticket, 2))), "applied");
        assertThat(badge(api, ticket.customer, "messages")).as("a teammate's public reply").isEqualTo(1);
        JsonNode conversation = conversations(api, ticket.customer).get(0);
        assertThat(conversation.get("unread").asBoolean()).isTrue();
        assertThat(Instant.parse(conversation.get("lastMessageAt").asText())).isEqualTo(soon(ticket, 2));
        assertThat(tickets(api, ticket.customer).get(0).get("action").asText()).isEqualTo("continue_conversation");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statusesBecomeStatesWhateverTheirCaseAndAClosedTicketClosesItsConversation(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();
        accepted(zendesk(api, ticket.created()), "applied");

        accepted(zendesk(api, ticket.statusChanged("NEW", "Pending", soon(ticket, 1))), "applied");
        assertThat(tickets(api, ticket.customer).get(0).get("state"))
                .hasToString("{\"category\":\"waiting_on_customer\",\"label\":\"Waiting on you\"}");
        accepted(zendesk(api, ticket.statusChanged("PENDING", "hold", soon(ticket, 2))), "applied");
        assertThat(tickets(api, ticket.customer).get(0).get("state"))
                .as("the workspace's own label for hold").hasToString("{\"category\":\"in_progress\",\"label\":\"On hold\"}");
        accepted(zendesk(api, ticket.statusChanged("HOLD", "SOLVED", soon(ticket, 3))), "applied");
        assertThat(conversations(api, ticket.customer).get(0).get("state").asText()).isEqualTo("open");
        accepted(zendesk(api, ticket.statusChanged("SOLVED", "CLOSED", soon(ticket, 4))), "applied");

        JsonNode listed = tickets(api, ticket.customer).get(0);
        assertThat(listed.get("state")).hasToString("{\"category\":\"resolved\",\"label\":\"Resolved\"}");
        assertThat(conversations(api, ticket.customer).get(0).get("state").asText()).isEqualTo("closed");
        assertThat(listed.get("action").asText()).isEqualTo("view_conversation");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCommentBeforeItsTicketCreatesTheTicketFromTheCommentsOwnTicketDetail(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();

        accepted(zendesk(api, ticket.comment("7001", true, soon(ticket, 5))), "applied");
        JsonNode listed = tickets(api, ticket.customer);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("state").get("category").asText()).isEqualTo("in_progress");
        assertThat(badge(api, ticket.customer, "messages")).isEqualTo(1);

        // The delayed ticket.created is its own delivery; the ticket it announces is known already.
        JsonNode late = accepted(zendesk(api, ticket.created()), "duplicate");
        assertThat(late.get("results")).allSatisfy(result -> assertThat(result.get("status").asText()).isEqualTo("duplicate"));
        assertThat(tickets(api, ticket.customer).get(0).get("state").get("category").asText()).isEqualTo("in_progress");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOlderStatusDeliveredLateChangesNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();
        accepted(zendesk(api, ticket.created()), "applied");
        accepted(zendesk(api, ticket.statusChanged("OPEN", "SOLVED", soon(ticket, 10))), "applied");
        accepted(zendesk(api, ticket.statusChanged("NEW", "OPEN", soon(ticket, 5))), "applied");
        assertThat(tickets(api, ticket.customer).get(0).get("state").get("category").asText()).isEqualTo("resolved");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void internalCommentsNeverReachTheCustomer(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();
        accepted(zendesk(api, ticket.created()), "applied");
        String before = api.state(ticket.customer).body();
        Fingerprint database = Fingerprint.of(backend);

        JsonNode answer = accepted(zendesk(api, ticket.comment("7001", false, soon(ticket, 1))), "ignored");
        assertThat(answer.get("message").asText()).contains("internal");

        database.assertUnchanged("an internal comment");
        assertThat(api.state(ticket.customer).body()).isEqualTo(before);
        assertThat(conversations(api, ticket.customer).get(0).get("lastMessageAt").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsTheMappingDoesNotUseAnswer200AndChangeNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();
        accepted(zendesk(api, ticket.created()), "applied");
        Fingerprint database = Fingerprint.of(backend);

        accepted(zendesk(api, ticket.event("priority_changed", soon(ticket, 1))), "ignored");
        JsonNode requester = accepted(zendesk(api, ticket.event("requester_changed", soon(ticket, 2))), "ignored");
        assertThat(requester.get("message").asText()).contains("customer");
        byte[] user = ("{\"type\":\"zen:event-type:user.active_changed\",\"account_id\":1,\"id\":\"u1\","
                + "\"time\":\"2099-07-04T05:33:18Z\",\"subject\":\"zen:user:6596848315901\",\"detail\":{},\"event\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        accepted(zendesk(api, user), "ignored");

        database.assertUnchanged("unused Zendesk events");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDeletedOrSpamTicketIsNoLongerShared(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket deleted = new Ticket();
        accepted(zendesk(api, deleted.created()), "applied");
        accepted(zendesk(api, deleted.event("soft_deleted", soon(deleted, 1))), "applied");
        assertThat(api.tickets(deleted.customer).code()).isEqualTo("tickets_space_hidden");

        Ticket spam = new Ticket();
        accepted(zendesk(api, spam.created()), "applied");
        accepted(zendesk(api, spam.event("marked_as_spam", soon(spam, 1))), "applied");
        assertThat(api.tickets(spam.customer).code()).isEqualTo("tickets_space_hidden");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRequesterTheWorkspaceMapsIsItsOwnCustomer(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket("900");
        accepted(zendesk(api, ticket.created()), "applied");
        assertThat(tickets(api, "mapped-customer")).anySatisfy(t ->
                assertThat(t.get("id").asText()).isEqualTo("zendesk:" + ticket.id));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReplayedDeliveryAnswers200AndChangesNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        Ticket ticket = new Ticket();
        accepted(zendesk(api, ticket.created()), "applied");
        byte[] reply = ticket.comment("7001", true, soon(ticket, 1));
        accepted(zendesk(api, reply), "applied");
        Fingerprint database = Fingerprint.of(backend);

        accepted(zendesk(api, reply), "duplicate");
        database.assertUnchanged("the same delivery again, freshly signed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deliveriesWithoutAGoodFreshSignatureAre401AndChangeNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        byte[] body = new Ticket().created();
        String now = Instant.now().toString();
        String stale = Instant.now().minus(Duration.ofMinutes(10)).toString();
        String future = Instant.now().plus(Duration.ofMinutes(10)).toString();
        String good = zendeskSignature(HelpDesk.ZENDESK_SECRET, now, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("NEW", "OPEN").getBytes(StandardCharsets.UTF_8);
        Fingerprint database = Fingerprint.of(backend);

        refused(HelpDesk.post(api, "zendesk", body), "missing_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature", good), "missing_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature-Timestamp", now), "missing_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature", zendeskSignature("another-secret", now, body),
                "X-Zendesk-Webhook-Signature-Timestamp", now), "invalid_signature");
        refused(zendesk(api, tampered, "X-Zendesk-Webhook-Signature", good,
                "X-Zendesk-Webhook-Signature-Timestamp", now), "invalid_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature", good,
                "X-Zendesk-Webhook-Signature-Timestamp", stale), "invalid_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature", zendeskSignature(HelpDesk.ZENDESK_SECRET, stale, body),
                "X-Zendesk-Webhook-Signature-Timestamp", stale), "stale_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature", zendeskSignature(HelpDesk.ZENDESK_SECRET, future, body),
                "X-Zendesk-Webhook-Signature-Timestamp", future), "stale_signature");
        refused(zendesk(api, body, "X-Zendesk-Webhook-Signature", zendeskSignature(HelpDesk.ZENDESK_SECRET, "yesterday", body),
                "X-Zendesk-Webhook-Signature-Timestamp", "yesterday"), "invalid_signature");

        database.assertUnchanged("unsigned, forged and stale deliveries");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSignedPayloadTheAdapterCannotReadIs400(Backend backend) {
        Api api = HelpDesk.api(backend);
        Fingerprint database = Fingerprint.of(backend);
        Refusals.assertRefused(zendesk(api, "not json".getBytes(StandardCharsets.UTF_8)), 400, "not JSON", "invalid_json");
        Refusals.assertRefused(zendesk(api, "[]".getBytes(StandardCharsets.UTF_8)), 400, "an array", "invalid_payload");
        String noTicket = new String(new Ticket().created(), StandardCharsets.UTF_8).replaceFirst("\"id\": \"zt-", "\"idx\": \"zt-");
        JsonNode error = Refusals.assertRefused(zendesk(api, noTicket.getBytes(StandardCharsets.UTF_8)), 400,
                "no ticket id", "invalid_payload");
        assertThat(error.get("message").asText()).contains("detail.id");
        Ticket ticket = new Ticket();
        Refusals.assertRefused(zendesk(api, ticket.statusChanged("NEW", "ESCALATED", soon(ticket, 1))), 400,
                "a status the mapping does not know", "invalid_payload");
        database.assertUnchanged("unreadable deliveries");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWorkspaceWithoutTheIntegrationAnswers404(Backend backend) {
        Api demo = Api.demo(backend);
        Refusals.assertRefused(zendesk(demo, new Ticket().created()), 404, "demo has no Zendesk secret",
                "integration_not_configured");
        RawHttp.Response unknown = RawHttp.send(demo, "POST", "/api/v1/workspaces/nowhere/integrations/zendesk",
                new Ticket().created(), "Content-Type", "application/json");
        Refusals.assertRefused(unknown, 404, "no such workspace", "integration_not_configured");
    }

    private static void refused(RawHttp.Response response, String code) {
        Refusals.assertRefused(response, 401, "signature check", code);
    }
}
