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
import dev.ticketspace.support.FixtureRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The back office's {@code explain}: which rule made each decision of a customer's state, with the fixture
 * rules of {@code rulesets/machinery}. The shipped rules' explanations are in {@code rules/scenarios}.
 */
class ExplainTest {
    private static final String RULES = "machinery";

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
    void explainNamesEveryRuleBehindADecisionAndNoOther(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3));

        List<String> lines = lines(ok(api.explain(customer)));

        assertThat(lines).containsExactlyInAnyOrder(
                "badge | home/Ticket " + ticket + " | Every unread ticket lights the Home badge under its title",
                "badge | messages/" + conversation + " | Every conversation lights the Messages badge",
                "badge | tickets/" + ticket + " | Every ticket lights the Tickets badge, shared or not",
                "card_candidate | " + ticket + " | Every ticket is a card candidate by its creation",
                "conversation_ticket | " + conversation + " | A conversation carries any ticket linked to it, shared or not",
                "home_card | recent_tickets | The card of 2 is on Home while the tickets app is",
                "listed_ticket | " + ticket + " | Every ticket is listed by its latest state change",
                "space_visible | home | Home is always visible",
                "space_visible | tickets | The Tickets space is visible while the tickets app is on Home, even without tickets",
                "ticket_action | " + ticket + " | A ticket with a conversation also offers to view it",
                "ticket_action | " + ticket + " | Every ticket offers to send a message",
                "ticket_unread | " + ticket + " | A notification the customer has not read makes the ticket unread",
                // decided when the ticket was created, and stored with it
                "ticket_notification | " + ticket + " | Creating a ticket notifies it and is card activity",
                "card_activity | " + ticket + " | Creating a ticket notifies it and is card activity");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void explainIsExactlyTheCustomersStatePlusExplain(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
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
