package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.card;
import static dev.ticketspace.rules.Views.cardTicketIds;
import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.rules.Views.visible;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Settings and visibility of the spaces (spec S1, S2, S3, V1) and the state's version. */
class SpacesTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void s1_theTicketsAppOnHomeEnablesTheTicketsSpace_removingItDisablesIt(Backend backend) {
        Api api = Api.isolated(backend);
        String customer = Api.id("c");
        api.apply(ticketCreated(Api.id("t"), customer, null, 1));

        assertThat(ok(api.settings()).get("ticketsSpaceEnabled").asBoolean()).isTrue();
        assertThat(visible(state(api, customer), "tickets")).as("enabled by default").isTrue();

        JsonNode removed = ok(api.removeHomeApp("tickets"));
        assertThat(removed.get("ticketsSpaceEnabled").asBoolean()).isFalse();
        assertThat(visible(state(api, customer), "tickets")).as("disabled").isFalse();

        api.addHomeApp("news");
        assertThat(visible(state(api, customer), "tickets")).as("another app does not enable it").isFalse();

        JsonNode added = ok(api.addHomeApp("tickets"));
        assertThat(added.get("ticketsSpaceEnabled").asBoolean()).isTrue();
        assertThat(visible(state(api, customer), "tickets")).as("enabled again").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void s2_theRecentTicketsCardIsOnHomeWhileTheSpaceIsEnabledAndRemovedWhenDisabled(Backend backend) {
        Api api = Api.isolated(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1));

        assertThat(cardTicketIds(state(api, customer))).containsExactly(ticket);

        api.removeHomeApp("tickets");
        JsonNode disabled = state(api, customer);
        assertThat(card(disabled)).as("no card while disabled: %s", disabled).isNull();
        assertThat(disabled.get("home").get("cards")).isEmpty();

        api.addHomeApp("tickets");
        assertThat(cardTicketIds(state(api, customer))).containsExactly(ticket);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void s3_disablingTheSpaceHidesItRemovesCardAndBadgeButTicketsStayReachableThroughMessages(Backend backend) {
        Api api = Api.isolated(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1),
                ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3),
                stateChanged(ticket, "in_progress", 4));
        JsonNode enabled = state(api, customer);
        assertThat(visible(enabled, "tickets")).isTrue();
        assertThat(badge(enabled, "tickets")).isEqualTo(1);
        assertThat(cardTicketIds(enabled)).containsExactly(ticket);

        api.removeHomeApp("tickets");

        JsonNode disabled = state(api, customer);
        assertThat(visible(disabled, "tickets")).isFalse();
        assertThat(badge(disabled, "tickets")).as("B4: no Tickets badge while hidden").isZero();
        assertThat(card(disabled)).isNull();
        assertThat(visible(disabled, "home")).isTrue();
        assertThat(visible(disabled, "messages")).isTrue();
        assertThat(badge(disabled, "messages")).as("the teammate message is still unread").isEqualTo(1);

        Api.Reply list = api.tickets(customer);
        assertThat(list.status()).isEqualTo(404);
        assertThat(list.code()).isEqualTo("tickets_space_hidden");

        JsonNode entry = Views.conversationEntry(api, customer, conversation);
        JsonNode summary = entry.get("ticket");
        assertThat(summary.isObject()).as("the conversation carries its ticket: %s", entry).isTrue();
        assertThat(summary.get("id").asText()).isEqualTo(ticket);
        assertThat(summary.get("title").asText()).isEqualTo("Ticket " + ticket);
        assertThat(summary.get("state").get("category").asText()).isEqualTo("in_progress");
        assertThat(summary.get("state").get("label").asText()).isEqualTo("in progress");
        assertThat(summary.get("conversationId").asText()).isEqualTo(conversation);
        assertThat(summary.get("action").asText()).isEqualTo("continue_conversation");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void v1_homeAndMessagesAreAlwaysVisible_ticketsNotWithoutASharedTicket(Backend backend) {
        Api api = Api.demo(backend);
        String newcomer = Api.id("c");

        JsonNode empty = state(api, newcomer);
        assertThat(visible(empty, "home")).isTrue();
        assertThat(visible(empty, "messages")).isTrue();
        assertThat(visible(empty, "tickets")).as("never an empty Tickets space").isFalse();
        assertThat(badge(empty, "tickets")).isZero();
        Api.Reply list = api.tickets(newcomer);
        assertThat(list.status()).isEqualTo(404);
        assertThat(list.code()).isEqualTo("tickets_space_hidden");

        String onlyUnshared = Api.id("c");
        api.apply(unsharedTicketCreated(Api.id("t"), onlyUnshared, 1));
        JsonNode unshared = state(api, onlyUnshared);
        assertThat(visible(unshared, "tickets")).as("an unshared ticket does not count").isFalse();
        assertThat(visible(unshared, "home")).isTrue();
        assertThat(visible(unshared, "messages")).isTrue();
        assertThat(api.tickets(onlyUnshared).code()).isEqualTo("tickets_space_hidden");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void v1_theTicketsSpaceIsVisibleWhenEnabledAndTheCustomerHasASharedTicket(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");

        api.apply(ticketCreated(ticket, customer, null, 1));

        JsonNode state = state(api, customer);
        assertThat(visible(state, "tickets")).isTrue();
        assertThat(visible(state, "home")).isTrue();
        assertThat(visible(state, "messages")).isTrue();
        assertThat(Views.listedTicketIds(api, customer)).containsExactly(ticket);
        assertThat(visible(state(api, Api.id("c")), "tickets")).as("another customer").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void v1_aCustomerWithOnlyResolvedTicketsStillSeesTheSpace(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String resolvedLater = Api.id("t");
        String createdResolved = Api.id("t");

        api.apply(ticketCreated(resolvedLater, customer, null, 1),
                stateChanged(resolvedLater, "resolved", 2),
                Events.event("ticket.created", 3, "ticketId", createdResolved, "customerId", customer,
                        "title", "Done already", "state", Events.state("resolved")));

        JsonNode state = state(api, customer);
        assertThat(visible(state, "tickets")).isTrue();
        assertThat(card(state)).as("C2: no card of resolved tickets").isNull();
        assertThat(Views.listedTicketIds(api, customer)).containsExactlyInAnyOrder(resolvedLater, createdResolved);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void v1_unsharingTheOnlySharedTicketHidesTheSpaceAgain(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1));
        assertThat(visible(state(api, customer), "tickets")).isTrue();

        api.apply(Events.sharingChanged(ticket, false, 2));

        JsonNode state = state(api, customer);
        assertThat(visible(state, "tickets")).isFalse();
        assertThat(badge(state, "tickets")).isZero();
        assertThat(card(state)).isNull();
        assertThat(api.tickets(customer).code()).isEqualTo("tickets_space_hidden");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theVersionGrowsOnEveryChangeIncludingSettings(Backend backend) {
        Api api = Api.isolated(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");

        long v0 = state(api, customer).get("version").asLong();
        assertThat(state(api, customer).get("version").asLong()).as("reading changes nothing").isEqualTo(v0);

        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2));
        long v1 = state(api, customer).get("version").asLong();
        assertThat(v1).as("a ticket").isGreaterThan(v0);

        api.apply(message(conversation, "teammate", 3));
        long v2 = state(api, customer).get("version").asLong();
        assertThat(v2).as("a message").isGreaterThan(v1);

        long v3 = ok(api.readConversation(customer, conversation)).get("version").asLong();
        assertThat(v3).as("a read").isGreaterThan(v2);
        assertThat(state(api, customer).get("version").asLong()).isEqualTo(v3);

        api.apply(stateChanged(ticket, "in_progress", Views.minuteAfterNow()));
        long v4 = state(api, customer).get("version").asLong();
        assertThat(v4).as("a state change").isGreaterThan(v3);

        api.removeHomeApp("tickets");
        long v5 = state(api, customer).get("version").asLong();
        assertThat(v5).as("disabling the Tickets space").isGreaterThan(v4);

        api.addHomeApp("tickets");
        long v6 = state(api, customer).get("version").asLong();
        assertThat(v6).as("enabling the Tickets space").isGreaterThan(v5);
    }
}
