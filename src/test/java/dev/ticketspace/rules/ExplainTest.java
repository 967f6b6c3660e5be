package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The back office's {@code explain}: which rule made each decision of a customer's state. */
class ExplainTest {

    /** One line of explain, as {@code decision | subject | rule}. */
    private static List<String> lines(JsonNode explained) {
        JsonNode explain = explained.get("explain");
        assertThat(explain).as("explain in %s", explained).isNotNull();
        assertThat(explain.isArray()).isTrue();
        List<String> lines = new ArrayList<>();
        explain.forEach(line -> lines.add(line.get("decision").asText() + " | " + line.get("subject").asText()
                + " | " + line.get("rule").asText()));
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void explainNamesTheRulesThatLitTheBadges(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3));

        List<String> lines = lines(ok(api.explain(customer)));

        assertThat(lines).contains(
                "badge | tickets/" + ticket + " | Unread tickets light the Tickets badge",
                "ticket_unread | " + ticket + " | A ticket update the customer has not read makes the ticket unread",
                "badge | messages/" + conversation + " | Unread conversations light the Messages badge",
                "conversation_unread | " + conversation
                        + " | A teammate message the customer has not read makes the conversation unread",
                "space_visible | tickets | The Tickets space is visible when enabled and the customer has a shared ticket",
                "space_visible | home | Home and Messages are always visible",
                "space_enabled | tickets | The tickets app on Home enables the Tickets space",
                "home_card | recent_tickets | The Recent tickets card is on Home while the Tickets space is enabled",
                "ticket_action | " + ticket + " | A ticket whose conversation is under way offers to continue it",
                "conversation_ticket | " + conversation + " | A conversation carries its linked shared ticket");
        assertThat(lines).noneMatch(line -> line.startsWith("badge_hidden"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void explainNamesTheRuleThatHidesTheTicketsBadge(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");

        List<String> lines = lines(ok(api.explain(customer)));

        assertThat(lines).contains("badge_hidden | tickets | No Tickets badge while the Tickets space is hidden");
        assertThat(lines).noneMatch(line -> line.startsWith("space_visible | tickets"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void explainIsExactlyTheCustomersStatePlusExplain(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        api.apply(ticketCreated(Api.id("t"), customer, null, 1));

        JsonNode client = ok(api.state(customer));
        ObjectNode explained = (ObjectNode) ok(api.explain(customer)).deepCopy();

        assertThat(client.has("explain")).as("the client never gets explain").isFalse();
        assertThat(explained.remove("explain")).isNotNull();
        assertThat(explained).isEqualTo(client);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void explainNeedsThatWorkspacesApiKey(Backend backend) {
        Api demo = Api.demo(backend);
        Api other = new Api(backend.app(), "other");
        String path = "/api/v1/workspaces/demo/customers/" + Api.id("c") + "/messenger?explain=true";

        Api.Reply wrongWorkspace = demo.withApiKey(other.workspace().apiKey(), "GET", path, null);
        Api.Reply customerToken = demo.withApiKey(demo.token(Api.id("c")), "GET", path, null);

        assertThat(wrongWorkspace.status()).isEqualTo(403);
        assertThat(wrongWorkspace.body()).doesNotContain("explain\"");
        assertThat(customerToken.status()).isEqualTo(401);
    }
}
