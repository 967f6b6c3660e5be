package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.card;
import static dev.ticketspace.rules.Views.cardTicketIds;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.rules.Views.visible;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Recent tickets card on Home (spec C1, C2); {@code recentTickets.limit} is 3 in test-config.yml. */
class RecentCardTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void c1_aNewSharedTicketIsOnTheCard(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");

        api.apply(ticketCreated(ticket, customer, null, 1));

        JsonNode card = card(state(api, customer));
        assertThat(card).isNotNull();
        JsonNode summary = Views.ticketIn(card.get("tickets"), ticket);
        assertThat(summary.get("title").asText()).isEqualTo("Ticket " + ticket);
        assertThat(summary.get("state").get("category").asText()).isEqualTo("submitted");
        assertThat(summary.get("unread").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void c1_aTeammateReplyMovesItsTicketUp_customerMessagesAndStateChangesDoNot(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversationA = Api.id("conv");
        String conversationB = Api.id("conv");
        String a = Api.id("t");
        String b = Api.id("t");
        String c = Api.id("t");
        api.apply(conversationCreated(conversationA, customer, 1), conversationCreated(conversationB, customer, 1),
                ticketCreated(a, customer, conversationA, 2),
                ticketCreated(b, customer, conversationB, 3),
                ticketCreated(c, customer, null, 4));
        assertThat(cardTicketIds(state(api, customer))).containsExactly(c, b, a);

        api.apply(message(conversationA, "teammate", 5));
        assertThat(cardTicketIds(state(api, customer))).as("teammate reply on a").containsExactly(a, c, b);

        api.apply(message(conversationB, "customer", 6), stateChanged(b, "in_progress", 7));
        assertThat(cardTicketIds(state(api, customer))).as("not card activity").containsExactly(a, c, b);
        assertThat(Views.listedTicketIds(api, customer)).as("but list activity (L1)").containsExactly(b, a, c);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void c1_aFourthQualifyingTicketPushesTheOldestOffTheCard(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String first = Api.id("t");
        String second = Api.id("t");
        String third = Api.id("t");
        String fourth = Api.id("t");
        api.apply(ticketCreated(first, customer, null, 1), ticketCreated(second, customer, null, 2),
                ticketCreated(third, customer, null, 3));
        assertThat(cardTicketIds(state(api, customer))).containsExactly(third, second, first);

        api.apply(ticketCreated(fourth, customer, null, 4));

        assertThat(cardTicketIds(state(api, customer))).containsExactly(fourth, third, second);
        assertThat(Views.listedTicketIds(api, customer)).as("the list keeps all").containsExactly(fourth, third, second, first);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void c2_resolvedTicketsLeaveTheCard_anEmptyCardIsLeftOut(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String a = Api.id("t");
        String b = Api.id("t");
        String c = Api.id("t");
        String d = Api.id("t");
        api.apply(ticketCreated(a, customer, null, 1), ticketCreated(b, customer, null, 2),
                ticketCreated(c, customer, null, 3), ticketCreated(d, customer, null, 4));
        assertThat(cardTicketIds(state(api, customer))).containsExactly(d, c, b);

        api.apply(stateChanged(d, "resolved", 5));
        assertThat(cardTicketIds(state(api, customer))).as("d resolved, a comes back").containsExactly(c, b, a);

        api.apply(stateChanged(c, "resolved", 6), stateChanged(b, "resolved", 7), stateChanged(a, "resolved", 8));
        JsonNode allResolved = state(api, customer);
        assertThat(card(allResolved)).as("no empty card: %s", allResolved).isNull();
        assertThat(allResolved.get("home").get("cards")).isEmpty();
        assertThat(visible(allResolved, "tickets")).isTrue();

        api.apply(stateChanged(b, "waiting_on_customer", 9));
        assertThat(cardTicketIds(state(api, customer))).as("reopened is active again").containsExactly(b);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void c2_noCardForACustomerWithoutTickets(Backend backend) {
        Api api = Api.demo(backend);

        JsonNode state = state(api, Api.id("c"));

        assertThat(state.get("home").get("cards")).isEmpty();
    }
}
