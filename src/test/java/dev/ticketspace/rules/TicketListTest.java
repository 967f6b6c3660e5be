package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.cardTicketIds;
import static dev.ticketspace.rules.Views.listed;
import static dev.ticketspace.rules.Views.listedTicketIds;
import static dev.ticketspace.rules.Views.minute;
import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.rules.Views.time;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationState;
import static dev.ticketspace.support.Events.linked;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.sharingChanged;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Tickets space list (spec L1) and each entry's action (spec L2). */
class TicketListTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l1_creationIsActivity_theNewestTicketComesFirst(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String first = Api.id("t");
        String second = Api.id("t");
        api.apply(ticketCreated(first, customer, null, 1), ticketCreated(second, customer, null, 2));

        assertThat(listedTicketIds(api, customer)).containsExactly(second, first);
        assertThat(time(listed(api, customer, first).get("lastActivityAt"))).isEqualTo(minute(1));
        assertThat(time(listed(api, customer, second).get("lastActivityAt"))).isEqualTo(minute(2));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l1_aStateChangeIsActivity_itMovesTheTicketUp(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String older = Api.id("t");
        String newer = Api.id("t");
        api.apply(ticketCreated(older, customer, null, 1), ticketCreated(newer, customer, null, 2));

        api.apply(stateChanged(older, "in_progress", 3));

        assertThat(listedTicketIds(api, customer)).containsExactly(older, newer);
        assertThat(time(listed(api, customer, older).get("lastActivityAt"))).isEqualTo(minute(3));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l1_anyMessageInTheLinkedConversationIsActivity_evenTheCustomers(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String withConversation = Api.id("t");
        String without = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1),
                ticketCreated(withConversation, customer, conversation, 2),
                ticketCreated(without, customer, null, 3));
        assertThat(listedTicketIds(api, customer)).containsExactly(without, withConversation);

        api.apply(message(conversation, "customer", 4));
        assertThat(listedTicketIds(api, customer)).containsExactly(withConversation, without);
        assertThat(time(listed(api, customer, withConversation).get("lastActivityAt"))).isEqualTo(minute(4));

        api.apply(stateChanged(without, "in_progress", 5));
        assertThat(listedTicketIds(api, customer)).containsExactly(without, withConversation);

        api.apply(message(conversation, "teammate", 6));
        assertThat(listedTicketIds(api, customer)).containsExactly(withConversation, without);
        assertThat(time(listed(api, customer, withConversation).get("lastActivityAt"))).isEqualTo(minute(6));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l1_onEqualActivityTheNewerTicketComesFirst(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        // ids sort the other way round, so only the creation time can put the newer ticket first
        String older = Api.id("ta");
        String newer = Api.id("tz");
        api.apply(ticketCreated(older, customer, null, 1), ticketCreated(newer, customer, null, 2));

        api.apply(stateChanged(newer, "in_progress", 5), stateChanged(older, "in_progress", 5));

        assertThat(listedTicketIds(api, customer)).containsExactly(newer, older);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l1_theListIsWalkedPageByPageWithNextCursor(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        List<String> expected = new ArrayList<>();
        for (int minute = 1; minute <= 5; minute++) {
            String ticket = Api.id("t");
            api.apply(ticketCreated(ticket, customer, null, minute));
            expected.add(0, ticket);
        }
        // a state change moves the oldest ticket to the top
        api.apply(stateChanged(expected.get(4), "in_progress", 10));
        expected.add(0, expected.remove(4));

        JsonNode all = ok(api.asCustomer(customer, "GET", "/api/v1/messenger/tickets?limit=20"));
        assertThat(Views.ids(all.get("tickets"))).containsExactlyElementsOf(expected);
        assertThat(all.get("nextCursor").isNull()).isTrue();

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/v1/messenger/tickets?limit=1"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = ok(api.asCustomer(customer, "GET", query));
            assertThat(page.get("tickets")).hasSize(1);
            walked.addAll(Views.ids(page.get("tickets")));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(5);
        assertThat(walked).containsExactlyElementsOf(expected);

        JsonNode firstTwo = ok(api.asCustomer(customer, "GET", "/api/v1/messenger/tickets?limit=2"));
        assertThat(Views.ids(firstTwo.get("tickets"))).containsExactlyElementsOf(expected.subList(0, 2));
        JsonNode nextThree = ok(api.asCustomer(customer, "GET", "/api/v1/messenger/tickets?limit=3&cursor="
                + URLEncoder.encode(firstTwo.get("nextCursor").asText(), StandardCharsets.UTF_8)));
        assertThat(Views.ids(nextThree.get("tickets"))).containsExactlyElementsOf(expected.subList(2, 5));
        assertThat(nextThree.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l1_unsharedTicketsNeverAppear(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String shared = Api.id("t");
        String unshared = Api.id("t");
        String conversation = Api.id("conv");
        api.apply(conversationCreated(conversation, customer, 1),
                ticketCreated(shared, customer, null, 2),
                unsharedTicketCreated(unshared, customer, 3),
                linked(unshared, conversation, 4),
                stateChanged(unshared, "in_progress", 5),
                message(conversation, "teammate", 6));

        assertThat(listedTicketIds(api, customer)).containsExactly(shared);
        JsonNode state = state(api, customer);
        assertThat(cardTicketIds(state)).containsExactly(shared);
        assertThat(badge(state, "tickets")).isEqualTo(1);
        assertThat(Views.conversationEntry(api, customer, conversation).get("ticket").isNull())
                .as("the conversation does not carry an unshared ticket").isTrue();
        assertThat(state.toString()).doesNotContain(unshared);

        api.apply(sharingChanged(unshared, true, 7));
        assertThat(listedTicketIds(api, customer)).containsExactly(unshared, shared);

        api.apply(sharingChanged(unshared, false, 8));
        assertThat(listedTicketIds(api, customer)).containsExactly(shared);
        assertThat(state(api, customer).toString()).doesNotContain(unshared);
        assertThat(api.conversations(customer).body()).doesNotContain(unshared);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l2_aTicketWithoutAConversationOffersToSendAMessage(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1));

        JsonNode entry = listed(api, customer, ticket);
        assertThat(entry.get("action").asText()).isEqualTo("send_message");
        assertThat(entry.get("conversationId").isNull()).isTrue();
        assertThat(Views.ticketIn(Views.card(state(api, customer)).get("tickets"), ticket).get("action").asText())
                .as("the card's entry too").isEqualTo("send_message");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l2_aTicketWhoseConversationHasNoMessageYetOffersToSendAMessage(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2));

        assertThat(listed(api, customer, ticket).get("action").asText()).isEqualTo("send_message");

        api.apply(conversationState(conversation, "snoozed", 3));
        assertThat(listed(api, customer, ticket).get("action").asText()).isEqualTo("send_message");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l2_aTicketWhoseConversationIsUnderWayOffersToContinueIt(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "customer", 3));

        assertThat(listed(api, customer, ticket).get("action").asText()).isEqualTo("continue_conversation");

        api.apply(conversationState(conversation, "snoozed", 4));
        assertThat(listed(api, customer, ticket).get("action").asText()).as("snoozed").isEqualTo("continue_conversation");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void l2_aTicketWhoseConversationIsClosedOffersToViewIt(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String talked = Api.id("conv");
        String silent = Api.id("conv");
        String ticket = Api.id("t");
        String linkedLater = Api.id("t");
        api.apply(conversationCreated(talked, customer, 1), ticketCreated(ticket, customer, talked, 2),
                message(talked, "teammate", 3), conversationState(talked, "closed", 4),
                conversationCreated(silent, customer, 5), conversationState(silent, "closed", 6),
                ticketCreated(linkedLater, customer, null, 7), linked(linkedLater, silent, 8));

        assertThat(listed(api, customer, ticket).get("action").asText()).isEqualTo("view_conversation");
        assertThat(listed(api, customer, linkedLater).get("action").asText())
                .as("closed comes first, even without a message").isEqualTo("view_conversation");

        api.apply(conversationState(talked, "open", 9));
        assertThat(listed(api, customer, ticket).get("action").asText()).as("reopened").isEqualTo("continue_conversation");
    }
}
