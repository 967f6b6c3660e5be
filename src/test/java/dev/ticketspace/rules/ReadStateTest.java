package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.listed;
import static dev.ticketspace.rules.Views.minuteAfterNow;
import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationRead;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the customer has read (spec R1). */
class ReadStateTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r1_readingTheLinkedConversationReadsTheTicket_aLaterStatusChangeLightsItAgain(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3), stateChanged(ticket, "in_progress", 4));
        JsonNode before = state(api, customer);
        assertThat(badge(before, "tickets")).isEqualTo(1);
        assertThat(badge(before, "messages")).isEqualTo(1);

        JsonNode read = ok(api.readConversation(customer, conversation));

        assertThat(badge(read, "tickets")).as("the answer is the new state").isZero();
        assertThat(badge(read, "messages")).isZero();
        assertThat(badge(state(api, customer), "tickets")).isZero();
        assertThat(listed(api, customer, ticket).get("unread").asBoolean()).isFalse();
        assertThat(Views.conversationEntry(api, customer, conversation).get("unread").asBoolean()).isFalse();

        api.apply(stateChanged(ticket, "waiting_on_customer", minuteAfterNow()));

        JsonNode after = state(api, customer);
        assertThat(badge(after, "tickets")).isEqualTo(1);
        assertThat(badge(after, "messages")).as("no new message").isZero();
        assertThat(listed(api, customer, ticket).get("unread").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r1_aConversationReadReadsTheTicketOnlyUpToThatTime(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                stateChanged(ticket, "in_progress", 5));

        api.apply(conversationRead(conversation, 4));
        assertThat(badge(state(api, customer), "tickets")).as("read at 4, changed at 5").isEqualTo(1);

        api.apply(conversationRead(conversation, 6));
        assertThat(badge(state(api, customer), "tickets")).as("read at 6").isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r1_aTicketWithoutAConversationIsReadThroughItsOwnReadCall(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        String other = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), ticketCreated(other, customer, null, 2));
        assertThat(badge(state(api, customer), "tickets")).isEqualTo(2);

        JsonNode read = ok(api.readTicket(customer, ticket));

        assertThat(badge(read, "tickets")).as("only that ticket is read").isEqualTo(1);
        assertThat(listed(api, customer, ticket).get("unread").asBoolean()).isFalse();
        assertThat(listed(api, customer, other).get("unread").asBoolean()).isTrue();

        api.apply(stateChanged(ticket, "resolved", minuteAfterNow()));
        assertThat(badge(state(api, customer), "tickets")).as("a later update makes it unread again").isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r1_readingAnotherConversationLeavesTheTicketUnread(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String linked = Api.id("conv");
        String unrelated = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(linked, customer, 1), conversationCreated(unrelated, customer, 1),
                ticketCreated(ticket, customer, linked, 2));

        JsonNode read = ok(api.readConversation(customer, unrelated));

        assertThat(badge(read, "tickets")).isEqualTo(1);
    }
}
