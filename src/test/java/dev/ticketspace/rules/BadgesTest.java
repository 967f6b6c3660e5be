package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.listed;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationRead;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Badges on the Tickets and Messages spaces (spec B1-B4). */
class BadgesTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b1_aNewTicketLightsTheTicketsBadge_countingUnreadSharedTickets(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String first = Api.id("t");
        String second = Api.id("t");

        api.apply(ticketCreated(first, customer, null, 1));
        JsonNode one = state(api, customer);
        assertThat(badge(one, "tickets")).isEqualTo(1);
        assertThat(listed(api, customer, first).get("unread").asBoolean()).isTrue();

        api.apply(ticketCreated(second, customer, null, 2), unsharedTicketCreated(Api.id("t"), customer, 3));
        assertThat(badge(state(api, customer), "tickets")).as("two shared tickets; the unshared one never counts")
                .isEqualTo(2);

        api.apply(stateChanged(first, "in_progress", 4));
        assertThat(badge(state(api, customer), "tickets")).as("a count of tickets, not of updates").isEqualTo(2);
        assertThat(badge(state(api, customer), "messages")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b1_aStatusChangeLightsTheTicketsBadgeAgain(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), ticketRead(ticket, 2));
        assertThat(badge(state(api, customer), "tickets")).isZero();
        assertThat(listed(api, customer, ticket).get("unread").asBoolean()).isFalse();

        api.apply(stateChanged(ticket, "waiting_on_customer", 3));

        assertThat(badge(state(api, customer), "tickets")).isEqualTo(1);
        assertThat(listed(api, customer, ticket).get("unread").asBoolean()).isTrue();

        api.apply(ticketRead(ticket, 4),
                Events.event("ticket.state_changed", 5, "ticketId", ticket, "state",
                        Events.state("waiting_on_customer").put("label", "Waiting for your reply")));
        assertThat(badge(state(api, customer), "tickets")).as("a new label is a state change").isEqualTo(1);

        api.apply(ticketRead(ticket, 6),
                Events.event("ticket.state_changed", 7, "ticketId", ticket, "state",
                        Events.state("waiting_on_customer").put("label", "Waiting for your reply")));
        assertThat(badge(state(api, customer), "tickets")).as("the same state again is no change").isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b1_aStateChangeOlderThanTheCurrentStateLightsNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), stateChanged(ticket, "in_progress", 5),
                ticketRead(ticket, 6));
        assertThat(badge(state(api, customer), "tickets")).isZero();

        api.apply(stateChanged(ticket, "resolved", 4));

        assertThat(badge(state(api, customer), "tickets")).isZero();
        assertThat(listed(api, customer, ticket).get("state").get("category").asText()).isEqualTo("in_progress");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b2_aPlainTeammateReplyLightsNoTicketsBadgeButLightsMessages(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                ticketRead(ticket, 3));
        assertThat(badge(state(api, customer), "tickets")).isZero();

        api.apply(message(conversation, "teammate", 4));

        JsonNode state = state(api, customer);
        assertThat(badge(state, "tickets")).isZero();
        assertThat(badge(state, "messages")).isEqualTo(1);
        assertThat(listed(api, customer, ticket).get("unread").asBoolean()).isFalse();
        assertThat(Views.conversationEntry(api, customer, conversation).get("unread").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b2_theMessagesBadgeCountsConversationsWithAnUnreadTeammateMessage(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String one = Api.id("conv");
        String two = Api.id("conv");
        String customerOnly = Api.id("conv");
        String read = Api.id("conv");
        api.apply(conversationCreated(one, customer, 1), conversationCreated(two, customer, 1),
                conversationCreated(customerOnly, customer, 1), conversationCreated(read, customer, 1),
                message(one, "teammate", 2), message(one, "teammate", 3),
                message(two, "teammate", 4),
                message(customerOnly, "customer", 5),
                message(read, "teammate", 6), conversationRead(read, 7));

        JsonNode state = state(api, customer);
        assertThat(badge(state, "messages")).isEqualTo(2);
        assertThat(badge(state, "tickets")).isZero();
        assertThat(Views.conversationEntry(api, customer, one).get("unread").asBoolean()).isTrue();
        assertThat(Views.conversationEntry(api, customer, customerOnly).get("unread").asBoolean()).isFalse();
        assertThat(Views.conversationEntry(api, customer, read).get("unread").asBoolean()).isFalse();

        api.apply(message(read, "teammate", 8));
        assertThat(badge(state(api, customer), "messages")).as("a newer teammate message").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b3_aReplyAndAStatusChangeLightBothBadges(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                ticketRead(ticket, 3));

        api.apply(message(conversation, "teammate", 4), stateChanged(ticket, "in_progress", 5));

        JsonNode state = state(api, customer);
        assertThat(badge(state, "tickets")).isEqualTo(1);
        assertThat(badge(state, "messages")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void b4_noTicketsBadgeWhileTheTicketsSpaceIsNotVisible(Backend backend) {
        Api api = Api.isolated(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1));
        assertThat(badge(state(api, customer), "tickets")).isEqualTo(1);

        api.removeHomeApp("tickets");
        assertThat(badge(state(api, customer), "tickets")).isZero();

        api.addHomeApp("tickets");
        assertThat(badge(state(api, customer), "tickets")).as("still unread once visible again").isEqualTo(1);
    }
}
