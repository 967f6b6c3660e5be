package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.card;
import static dev.ticketspace.rules.Views.cardTicketIds;
import static dev.ticketspace.rules.Views.conversationEntry;
import static dev.ticketspace.rules.Views.listed;
import static dev.ticketspace.rules.Views.listedTicketIds;
import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.rules.Views.ticketIn;
import static dev.ticketspace.rules.Views.visible;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Events;
import dev.ticketspace.support.FixtureRules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The messenger serves what the rules decide, counted, capped and ordered as the decisions say, with the
 * fixture rules of {@code rulesets/machinery} (odd on purpose: see its README). What the shipped rules
 * decide is specified by {@code rules/scenarios}, not here.
 */
class FixtureViewTest {
    private static final String RULES = "machinery";

    private static Api api(Backend backend) {
        return FixtureRules.demo(RULES, backend);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void spacesAreVisibleExactlyWhereTheRulesSaySo(Backend backend) {
        Api api = Api.isolated(FixtureRules.app(RULES, backend));
        String customer = Api.id("c");

        JsonNode empty = state(api, customer);
        assertThat(visible(empty, "home")).isTrue();
        assertThat(visible(empty, "tickets")).as("the rule needs no ticket").isTrue();
        assertThat(visible(empty, "messages")).as("no rule makes Messages visible").isFalse();
        assertThat(ok(api.tickets(customer)).get("tickets")).as("an empty list, served").isEmpty();
        assertThat(card(empty)).as("an empty card, as decided").isNotNull();
        assertThat(cardTicketIds(empty)).isEmpty();

        api.removeHomeApp("tickets");
        JsonNode disabled = state(api, customer);
        assertThat(visible(disabled, "tickets")).as("settings reach the rules").isFalse();
        assertThat(card(disabled)).isNull();
        Api.Reply hidden = api.tickets(customer);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("tickets_space_hidden");
        assertThat(api.conversations(customer).status()).as("the Messages list is always served").isEqualTo(200);

        api.addHomeApp("tickets");
        assertThat(visible(state(api, customer), "tickets")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBadgeCountsTheDistinctItemsOfItsSpace(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String a = Api.id("t");
        String b = Api.id("t");
        api.apply(Events.event("ticket.created", 1, "ticketId", a, "customerId", customer, "title", "Same",
                        "state", Events.state("submitted")),
                Events.event("ticket.created", 2, "ticketId", b, "customerId", customer, "title", "Same",
                        "state", Events.state("submitted")),
                unsharedTicketCreated(Api.id("t"), customer, 3),
                conversationCreated(Api.id("conv"), customer, 4), conversationCreated(Api.id("conv"), customer, 5));

        JsonNode state = state(api, customer);
        assertThat(badge(state, "tickets")).as("one per ticket, shared or not").isEqualTo(3);
        assertThat(badge(state, "home")).as("one per distinct title of an unread ticket").isEqualTo(2);
        assertThat(badge(state, "messages")).as("a badge on a space that is not visible, as decided").isEqualTo(2);

        assertThat(badge(ok(api.readTicket(customer, a)), "home")).as("b still carries the title").isEqualTo(2);
        assertThat(badge(ok(api.readTicket(customer, b)), "home")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theCardHoldsTheDecidedNumberOfTicketsInTheDecidedOrder(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String first = Api.id("t");
        String unshared = Api.id("t");
        String resolved = Api.id("t");
        String last = Api.id("t");
        api.apply(ticketCreated(first, customer, null, 1), unsharedTicketCreated(unshared, customer, 2),
                Events.event("ticket.created", 3, "ticketId", resolved, "customerId", customer, "title", "Done",
                        "state", Events.state("resolved")),
                ticketCreated(last, customer, null, 4));

        JsonNode state = state(api, customer);
        assertThat(cardTicketIds(state)).as("2 from the decision, not the configured 3; by creation")
                .containsExactly(last, resolved);

        api.apply(stateChanged(first, "in_progress", 9));
        JsonNode after = state(api, customer);
        assertThat(cardTicketIds(after)).as("the rank is the creation: activity does not count").containsExactly(last, resolved);
        assertThat(ticketIn(card(after).get("tickets"), last)).as("the card's entry is the list's")
                .isEqualTo(listed(api, customer, last));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theListFollowsTheDecidedRanksPageByPage(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        List<String> tickets = new ArrayList<>();
        for (int minute = 1; minute <= 5; minute++) {
            String ticket = Api.id("t");
            api.apply(ticketCreated(ticket, customer, null, minute));
            tickets.add(ticket);
        }
        api.apply(stateChanged(tickets.get(1), "in_progress", 10), stateChanged(tickets.get(3), "in_progress", 8));
        // ranked: 1 (10), 3 (8); then the unranked by creation, newest first: 4, 2, 0
        List<String> expected = List.of(tickets.get(1), tickets.get(3), tickets.get(4), tickets.get(2), tickets.get(0));

        assertThat(listedTicketIds(api, customer)).containsExactlyElementsOf(expected);
        assertThat(listed(api, customer, tickets.get(4)).get("lastActivityAt").isNull()).isTrue();
        assertThat(walk(api, customer, 1)).containsExactlyElementsOf(expected);
        JsonNode firstTwo = ok(api.asCustomer(customer, "GET", "/api/v1/messenger/tickets?limit=2"));
        assertThat(Views.ids(firstTwo.get("tickets"))).containsExactlyElementsOf(expected.subList(0, 2));
        JsonNode nextThree = ok(api.asCustomer(customer, "GET", "/api/v1/messenger/tickets?limit=3&cursor="
                + URLEncoder.encode(firstTwo.get("nextCursor").asText(), StandardCharsets.UTF_8)));
        assertThat(Views.ids(nextThree.get("tickets"))).containsExactlyElementsOf(expected.subList(2, 5));
        assertThat(nextThree.get("nextCursor").isNull()).isTrue();

        api.apply(stateChanged(tickets.get(0), "in_progress", 12), stateChanged(tickets.get(2), "in_progress", 12));
        assertThat(walk(api, customer, 2)).as("equal ranks: the newer ticket first").startsWith(tickets.get(2), tickets.get(0));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ofTwoActionsOfOnePriorityTheOneDeclaredFirstIsServedEverywhere(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String withConversation = Api.id("t");
        String without = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(withConversation, customer, conversation, 2),
                ticketCreated(without, customer, null, 3));

        String action = listed(api, customer, withConversation).get("action").asText();
        assertThat(action).as("Action declares view_conversation before send_message").isEqualTo("view_conversation");
        assertThat(ticketIn(card(state(api, customer)).get("tickets"), withConversation).get("action").asText())
                .isEqualTo(action);
        assertThat(conversationEntry(api, customer, conversation).get("ticket").get("action").asText()).isEqualTo(action);
        assertThat(listed(api, customer, without).get("action").asText()).isEqualTo("send_message");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aConversationCarriesTheTicketTheRulesLinkItTo(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String linked = Api.id("conv");
        String plain = Api.id("conv");
        String unshared = Api.id("t");
        api.apply(conversationCreated(linked, customer, 1), conversationCreated(plain, customer, 1),
                unsharedTicketCreated(unshared, customer, 2), Events.linked(unshared, linked, 3));

        JsonNode summary = conversationEntry(api, customer, linked).get("ticket");
        assertThat(summary.isObject()).as("even an unshared ticket, as the fixture decides: %s", summary).isTrue();
        assertThat(summary).isEqualTo(listed(api, customer, unshared));
        assertThat(conversationEntry(api, customer, plain).get("ticket").isNull()).isTrue();
    }

    /** The ticket ids of the whole list, walked {@code limit} at a time with {@code nextCursor}. */
    private static List<String> walk(Api api, String customer, int limit) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(api.asCustomer(customer, "GET", "/api/v1/messenger/tickets?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            assertThat(page.get("tickets").size()).isBetween(1, limit);
            walked.addAll(Views.ids(page.get("tickets")));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        return walked;
    }
}
