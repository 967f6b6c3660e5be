package dev.ticketspace.events;

import static dev.ticketspace.events.Observed.badge;
import static dev.ticketspace.events.Observed.codes;
import static dev.ticketspace.events.Observed.conversation;
import static dev.ticketspace.events.Observed.conversations;
import static dev.ticketspace.events.Observed.everything;
import static dev.ticketspace.events.Observed.idOf;
import static dev.ticketspace.events.Observed.resultIds;
import static dev.ticketspace.events.Observed.space;
import static dev.ticketspace.events.Observed.statuses;
import static dev.ticketspace.events.Observed.ticket;
import static dev.ticketspace.events.Observed.ticketIds;
import static dev.ticketspace.events.Observed.version;
import static dev.ticketspace.events.Observed.view;
import static dev.ticketspace.events.Observed.visible;
import static dev.ticketspace.support.Events.at;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationRead;
import static dev.ticketspace.support.Events.conversationState;
import static dev.ticketspace.support.Events.event;
import static dev.ticketspace.support.Events.linked;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.sharingChanged;
import static dev.ticketspace.support.Events.state;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.FixtureRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /api/v1/workspaces/{ws}/events}: each event type's effect, results in request order,
 * duplicates, out-of-order events and rejections, all checked through what the API then shows.
 */
class EventsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- each event type

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ticketCreatedIsSharedByDefaultAndMayNameItsConversation(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String linkedTicket = Api.id("t");
        String unsharedTicket = Api.id("t");
        String plainTicket = Api.id("t");
        String[] events = {
            conversationCreated(conv, customer, 1),
            ticketCreated(linkedTicket, customer, conv, 2), // no sharedWithCustomer: shared
            unsharedTicketCreated(unsharedTicket, customer, 3),
            ticketCreated(plainTicket, customer, null, 4)};

        Api.Reply reply = api.postEvents(events);

        assertThat(resultIds(reply)).containsExactlyElementsOf(ids(events));
        assertThat(statuses(reply)).containsExactly("applied", "applied", "applied", "applied");
        assertThat(ticketIds(api, customer)).containsExactly(plainTicket, linkedTicket);
        JsonNode linked = ticket(api, customer, linkedTicket);
        assertThat(linked.get("title").asText()).isEqualTo("Ticket " + linkedTicket);
        assertThat(linked.get("state").get("category").asText()).isEqualTo("submitted");
        assertThat(linked.get("state").get("label").asText()).isEqualTo("submitted");
        assertThat(linked.get("conversationId").asText()).isEqualTo(conv);
        assertThat(Observed.instantOf(linked.get("lastActivityAt"))).isEqualTo(at(2));
        assertThat(linked.get("unread").asBoolean()).isTrue();
        assertThat(ticket(api, customer, plainTicket).get("conversationId").isNull()).isTrue();
        assertThat(conversation(api, customer, conv).get("ticket").get("id").asText()).isEqualTo(linkedTicket);
        assertThat(visible(api, customer, "tickets")).isTrue();
        assertThat(badge(api, customer, "tickets")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ticketStateChangedMovesTheTicketAndMakesItUnreadAgain(Backend backend) {
        // the fixture rules: what an event does is the machinery's; what it means, the rules' (scenarios)
        Api api = FixtureRules.demo("machinery", backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), ticketRead(ticket, 2));
        assertThat(badge(api, customer, "home")).isZero();
        long before = version(api, customer);

        Api.Reply reply = api.postEvents(event("ticket.state_changed", 5, "ticketId", ticket,
                "state", state("in_progress").put("label", "We are on it")));

        assertThat(statuses(reply)).containsExactly("applied");
        JsonNode changed = ticket(api, customer, ticket);
        assertThat(changed.get("state").get("category").asText()).isEqualTo("in_progress");
        assertThat(changed.get("state").get("label").asText()).isEqualTo("We are on it");
        assertThat(Observed.instantOf(changed.get("lastActivityAt"))).isEqualTo(at(5));
        assertThat(changed.get("unread").asBoolean()).isTrue();
        assertThat(badge(api, customer, "home")).isEqualTo(1);
        assertThat(version(api, customer)).isGreaterThan(before);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStateChangeOlderThanTheCurrentStateIsAppliedButChangesNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), stateChanged(ticket, "resolved", 10), ticketRead(ticket, 11));
        long before = version(api, customer);
        String seen = everything(api, customer);
        String late = stateChanged(ticket, "in_progress", 5);

        Api.Reply reply = api.postEvents(late);

        assertThat(statuses(reply)).containsExactly("applied");
        assertThat(version(api, customer)).isEqualTo(before);
        assertThat(everything(api, customer)).isEqualTo(seen);
        JsonNode unchanged = ticket(api, customer, ticket);
        assertThat(unchanged.get("state").get("category").asText()).isEqualTo("resolved");
        assertThat(Observed.instantOf(unchanged.get("lastActivityAt"))).isEqualTo(at(10));
        assertThat(unchanged.get("unread").asBoolean()).isFalse();
        // it was recorded: sending it again is a duplicate
        assertThat(statuses(api.postEvents(late))).containsExactly("duplicate");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ticketLinkedGivesTheTicketItsConversation(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), conversationCreated(conv, customer, 2));
        assertThat(ticket(api, customer, ticket).get("action").asText()).isEqualTo("send_message");
        assertThat(conversation(api, customer, conv).get("ticket").isNull()).isTrue();

        Api.Reply reply = api.postEvents(linked(ticket, conv, 3));

        assertThat(statuses(reply)).containsExactly("applied");
        JsonNode linked = ticket(api, customer, ticket);
        assertThat(linked.get("conversationId").asText()).isEqualTo(conv);
        assertThat(linked.get("action").asText()).isEqualTo("send_message"); // no message yet
        assertThat(conversation(api, customer, conv).get("ticket").get("id").asText()).isEqualTo(ticket);

        api.apply(message(conv, "teammate", 4));
        JsonNode underWay = ticket(api, customer, ticket);
        assertThat(underWay.get("action").asText()).isEqualTo("continue_conversation");
        assertThat(Observed.instantOf(underWay.get("lastActivityAt"))).isEqualTo(at(4));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ticketSharingChangedShowsAndHidesTheTicket(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(unsharedTicketCreated(ticket, customer, 1));
        assertThat(visible(api, customer, "tickets")).isFalse();
        assertThat(api.tickets(customer).code()).isEqualTo("tickets_space_hidden");

        assertThat(statuses(api.postEvents(sharingChanged(ticket, true, 2)))).containsExactly("applied");
        assertThat(visible(api, customer, "tickets")).isTrue();
        assertThat(ticketIds(api, customer)).containsExactly(ticket);

        assertThat(statuses(api.postEvents(sharingChanged(ticket, false, 3)))).containsExactly("applied");
        assertThat(visible(api, customer, "tickets")).isFalse();
        assertThat(api.tickets(customer).status()).isEqualTo(404);
        assertThat(badge(api, customer, "tickets")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ticketReadMarksTheTicketReadUpToThatTime(Backend backend) {
        // the fixture rules: what an event does is the machinery's; what it means, the rules' (scenarios)
        Api api = FixtureRules.demo("machinery", backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        String other = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), ticketCreated(other, customer, null, 2));
        assertThat(badge(api, customer, "home")).isEqualTo(2);

        Api.Reply reply = api.postEvents(ticketRead(ticket, 3));

        assertThat(statuses(reply)).containsExactly("applied");
        assertThat(ticket(api, customer, ticket).get("unread").asBoolean()).isFalse();
        assertThat(ticket(api, customer, other).get("unread").asBoolean()).isTrue();
        assertThat(badge(api, customer, "home")).isEqualTo(1);
        // a later notification makes it unread again
        api.apply(stateChanged(ticket, "in_progress", 4));
        assertThat(ticket(api, customer, ticket).get("unread").asBoolean()).isTrue();
        assertThat(badge(api, customer, "home")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void conversationCreatedIsAnOpenConversationWithoutMessages(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");

        Api.Reply reply = api.postEvents(conversationCreated(conv, customer, 1));

        assertThat(statuses(reply)).containsExactly("applied");
        List<JsonNode> listed = conversations(api, customer);
        assertThat(listed).hasSize(1);
        JsonNode created = listed.get(0);
        assertThat(created.get("id").asText()).isEqualTo(conv);
        assertThat(created.get("state").asText()).isEqualTo("open");
        assertThat(created.get("unread").asBoolean()).isFalse();
        assertThat(created.get("lastMessageAt").isNull()).isTrue();
        assertThat(created.get("ticket").isNull()).isTrue();
        assertThat(badge(api, customer, "messages")).isZero();
        assertThat(Db.messageCount(Db.of(backend), api.workspaceId(), conv)).contains(0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void messageAddedCountsAndOnlyTeammateMessagesLightTheMessagesBadge(Backend backend) {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        api.apply(conversationCreated(conv, customer, 1));

        assertThat(statuses(api.postEvents(message(conv, "customer", 2)))).containsExactly("applied");
        assertThat(badge(api, customer, "messages")).isZero();
        assertThat(conversation(api, customer, conv).get("unread").asBoolean()).isFalse();
        assertThat(Observed.instantOf(conversation(api, customer, conv).get("lastMessageAt"))).isEqualTo(at(2));

        assertThat(statuses(api.postEvents(message(conv, "teammate", 3)))).containsExactly("applied");
        assertThat(badge(api, customer, "messages")).isEqualTo(1);
        JsonNode unread = conversation(api, customer, conv);
        assertThat(unread.get("unread").asBoolean()).isTrue();
        assertThat(Observed.instantOf(unread.get("lastMessageAt"))).isEqualTo(at(3));
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void conversationStateChangedChangesTheStateAndTheLinkedTicketsAction(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conv, customer, 1), ticketCreated(ticket, customer, conv, 1),
                message(conv, "customer", 2));
        assertThat(ticket(api, customer, ticket).get("action").asText()).isEqualTo("continue_conversation");

        assertThat(statuses(api.postEvents(conversationState(conv, "closed", 3)))).containsExactly("applied");
        assertThat(conversation(api, customer, conv).get("state").asText()).isEqualTo("closed");
        assertThat(ticket(api, customer, ticket).get("action").asText()).isEqualTo("view_conversation");

        assertThat(statuses(api.postEvents(conversationState(conv, "snoozed", 5)))).containsExactly("applied");
        assertThat(conversation(api, customer, conv).get("state").asText()).isEqualTo("snoozed");
        assertThat(ticket(api, customer, ticket).get("action").asText()).isEqualTo("continue_conversation");

        // older than the current state: recorded, changes nothing
        long before = version(api, customer);
        assertThat(statuses(api.postEvents(conversationState(conv, "closed", 4)))).containsExactly("applied");
        assertThat(conversation(api, customer, conv).get("state").asText()).isEqualTo("snoozed");
        assertThat(version(api, customer)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void conversationReadReadsTheConversationAndItsLinkedTicket(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conv, customer, 1), ticketCreated(ticket, customer, conv, 1),
                message(conv, "teammate", 2));
        assertThat(badge(api, customer, "messages")).isEqualTo(1);
        assertThat(badge(api, customer, "tickets")).isEqualTo(1);

        Api.Reply reply = api.postEvents(conversationRead(conv, 3));

        assertThat(statuses(reply)).containsExactly("applied");
        assertThat(badge(api, customer, "messages")).isZero();
        assertThat(conversation(api, customer, conv).get("unread").asBoolean()).isFalse();
        assertThat(ticket(api, customer, ticket).get("unread").asBoolean()).isFalse();
        assertThat(badge(api, customer, "tickets")).isZero();
        // a later teammate message makes the conversation unread, and lights no Tickets badge (B2)
        api.apply(message(conv, "teammate", 4));
        assertThat(badge(api, customer, "messages")).isEqualTo(1);
        assertThat(badge(api, customer, "tickets")).isZero();
    }

    // ---- results, duplicates

    @ParameterizedTest
    @EnumSource(Backend.class)
    void resultsComeInRequestOrderWithTheirStatuses(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String first = message(conv, "teammate", 2);
        String[] events = {
            conversationCreated(conv, customer, 1),
            message(Api.id("conv"), "teammate", 2),
            first,
            first,
            stateChanged(Api.id("t"), "resolved", 3),
            message(conv, "customer", 4)};

        Api.Reply reply = api.postEvents(events);

        assertThat(resultIds(reply)).containsExactlyElementsOf(ids(events));
        assertThat(statuses(reply)).containsExactly("applied", "rejected", "applied", "duplicate", "rejected", "applied");
        assertThat(codes(reply)).containsExactly(null, "unknown_conversation", null, null, "unknown_ticket", null);
        JsonNode results = reply.json().get("results");
        assertThat(results.get(1).get("message").asText()).isNotBlank();
        assertThat(results.get(4).get("message").asText()).isNotBlank();
        assertThat(results.get(0).has("message")).isFalse();
        assertThat(results.get(3).has("code")).isFalse();
        assertThat(Db.messageCount(Db.of(backend), api.workspaceId(), conv)).contains(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void retryingAWholeBatchAnswersDuplicateForEachAndAppliesNothingTwice(Backend backend) {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String linkedTicket = Api.id("t");
        String laterLinked = Api.id("t");
        String plainTicket = Api.id("t");
        String[] events = {
            conversationCreated(conv, customer, 1),
            ticketCreated(linkedTicket, customer, conv, 2),
            unsharedTicketCreated(laterLinked, customer, 3),
            ticketCreated(plainTicket, customer, null, 4),
            linked(laterLinked, conv, 5),
            message(conv, "teammate", 6),
            message(conv, "customer", 7),
            stateChanged(linkedTicket, "in_progress", 8),
            conversationRead(conv, 9),
            ticketRead(plainTicket, 10),
            message(conv, "teammate", 11),
            conversationState(conv, "snoozed", 12),
            sharingChanged(plainTicket, false, 13),
            stateChanged(plainTicket, "waiting_on_customer", 14)};
        Api.Reply first = api.postEvents(events);
        assertThat(statuses(first)).hasSize(events.length).containsOnly("applied");
        long version = version(api, customer);
        String seen = everything(api, customer);
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(3);
        assertThat(badge(api, customer, "messages")).isEqualTo(1);

        Api.Reply retry = api.postEvents(events);

        assertThat(resultIds(retry)).containsExactlyElementsOf(ids(events));
        assertThat(statuses(retry)).hasSize(events.length).containsOnly("duplicate");
        assertThat(version(api, customer)).isEqualTo(version);
        assertThat(everything(api, customer)).isEqualTo(seen);
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(3);
        assertThat(badge(api, customer, "messages")).isEqualTo(1);

        // a retry mixing old and new events applies the new ones only
        Api.Reply mixed = api.postEvents(events[5], message(conv, "customer", 15), events[10]);
        assertThat(statuses(mixed)).containsExactly("duplicate", "applied", "duplicate");
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(4);
    }

    /**
     * A request's later events for a customer build on its earlier ones, and never on a refused one: not
     * on a refused second shared ticket, and not on a refused first event that took the customer's lock.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void laterEventsOfARequestBuildOnTheAppliedOnesAndNotOnTheRefused(Backend backend) {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        String newcomer = Api.id("c");
        String conv = Api.id("conv");
        String newcomerConv = Api.id("conv");
        String shared = Api.id("t");
        String refused = Api.id("t");

        long customerBefore = version(api, customer);
        long newcomerBefore = version(api, newcomer);
        Api.Reply reply = api.postEvents(
                ticketCreated(Api.id("t"), newcomer, Api.id("conv"), 1),
                conversationCreated(conv, customer, 1),
                ticketCreated(shared, customer, conv, 2),
                ticketCreated(refused, customer, conv, 3),
                message(conv, "teammate", 4),
                stateChanged(shared, "resolved", 5),
                stateChanged(refused, "resolved", 5),
                conversationCreated(newcomerConv, newcomer, 6),
                message(newcomerConv, "teammate", 7));

        assertThat(statuses(reply)).containsExactly(
                "rejected", "applied", "applied", "rejected", "applied", "applied", "rejected", "applied", "applied");
        assertThat(codes(reply)).containsExactly(
                "unknown_conversation", null, null, "conversation_already_has_ticket", null, null, "unknown_ticket",
                null, null);
        assertThat(ticketIds(api, customer)).containsExactly(shared);
        assertThat(ticket(api, customer, shared).get("state").get("category").asText()).isEqualTo("resolved");
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(1);
        assertThat(Db.messageCount(db, api.workspaceId(), newcomerConv)).contains(1);
        long customerAfter = version(api, customer);
        assertThat(customerAfter).as("the customer's state changed").isGreaterThan(customerBefore);
        assertThat(version(api, newcomer)).as("the newcomer's state changed").isGreaterThan(newcomerBefore);

        // The next request starts from what the first one committed.
        assertThat(statuses(api.postEvents(message(conv, "teammate", 8), ticketCreated(refused, customer, null, 9))))
                .containsExactly("applied", "applied");
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(2);
        assertThat(version(api, customer)).as("changed again").isGreaterThan(customerAfter);
    }

    /**
     * A story posted in one request leaves exactly what it leaves posted one event per request: changes
     * written once at the end of a request, R2 key moves written at once, and a refusal in between.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoryInOneRequestLeavesWhatItLeavesEventByEvent(Backend backend) {
        Api api = Api.demo(backend);
        Map<String, String> together = storyIds();
        Map<String, String> apart = storyIds();

        List<String> togetherStatuses = statuses(api.postEvents(story(together)));
        List<String> apartStatuses = new ArrayList<>();
        for (String event : story(apart)) {
            apartStatuses.addAll(statuses(api.postEvents(event)));
        }

        assertThat(togetherStatuses).isEqualTo(apartStatuses).containsOnlyOnce("rejected");
        String seenApart = everything(api, apart.get("customer"));
        for (String name : apart.keySet()) {
            seenApart = seenApart.replace(apart.get(name), together.get(name));
        }
        assertThat(comparable(everything(api, together.get("customer")))).isEqualTo(comparable(seenApart));
    }

    /**
     * Several customers' stories interleaved in one request leave for each customer what the story leaves
     * posted alone, one event per request: a request's subject decisions, badges and counts are stored
     * for all of its customers together.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void storiesOfSeveralCustomersInOneRequestLeaveWhatEachLeavesAlone(Backend backend) {
        assertStoriesTogetherLeaveWhatEachLeavesAlone(Api.demo(backend), 0, List.of(story(storyIds()).length, 9, 4));
    }

    /**
     * The same, for customers who have rows already: the request locks them all and reads their named
     * rows together, and each customer's events work on its own.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void storiesOfSeveralKnownCustomersGoOnInOneRequestAsEachGoesOnAlone(Backend backend) {
        assertStoriesTogetherLeaveWhatEachLeavesAlone(Api.demo(backend), 5, List.of(story(storyIds()).length, 9, 7));
    }

    /**
     * Posts the first {@code begun} events of each customer's story alone; then the rest of each story, up
     * to its length, interleaved in one request for some customers and one event per request for others.
     * The whole story and two beginnings of it end with badges lit.
     */
    private static void assertStoriesTogetherLeaveWhatEachLeavesAlone(Api api, int begun, List<Integer> lengths) {
        List<Map<String, String>> together = lengths.stream().map(length -> storyIds()).toList();
        List<Map<String, String>> apart = lengths.stream().map(length -> storyIds()).toList();
        for (Map<String, String> ids : Stream.concat(together.stream(), apart.stream()).toList()) {
            for (String event : Arrays.copyOf(story(ids), begun)) {
                assertThat(statuses(api.postEvents(event))).containsExactly("applied");
            }
        }
        List<String> interleaved = new ArrayList<>();
        for (int event = begun; event < lengths.get(0); event++) {
            for (int customer = 0; customer < lengths.size(); customer++) {
                if (event < lengths.get(customer)) {
                    interleaved.add(story(together.get(customer))[event]);
                }
            }
        }

        long replays = api.metrics().counter(EventApplier.REPLAYED);
        List<String> togetherStatuses = statuses(api.postEvents(interleaved.toArray(String[]::new)));
        assertThat(api.metrics().counter(EventApplier.REPLAYED)).as("applied in one go, not again event by event")
                .isEqualTo(replays);
        List<String> apartStatuses = new ArrayList<>();
        for (int customer = 0; customer < lengths.size(); customer++) {
            for (String event : Arrays.copyOfRange(story(apart.get(customer)), begun, lengths.get(customer))) {
                apartStatuses.addAll(statuses(api.postEvents(event)));
            }
        }

        assertThat(togetherStatuses).containsExactlyInAnyOrderElementsOf(apartStatuses).contains("rejected");
        assertThat(space(api.state(together.get(1).get("customer")).json(), "messages").get("badge").asInt()).isPositive();
        for (int customer = 0; customer < lengths.size(); customer++) {
            Map<String, String> ids = together.get(customer);
            String seenApart = everything(api, apart.get(customer).get("customer"));
            for (String name : ids.keySet()) {
                seenApart = seenApart.replace(apart.get(customer).get(name), ids.get(name));
            }
            assertThat(comparable(everything(api, ids.get("customer")))).as(ids.get("customer"))
                    .isEqualTo(comparable(seenApart));
            // The state served from the stored decisions and counts is the one decided afresh.
            ObjectNode decidedAfresh = view(api, ids.get("customer")).deepCopy();
            decidedAfresh.remove("explain");
            assertThat(api.state(ids.get("customer")).json()).as(ids.get("customer")).isEqualTo(decidedAfresh);
        }
    }

    /**
     * What a customer sees, but for the events behind stored decisions (each variant's events have ids of
     * their own) and the order of explain lines (tickets with the same decisions follow their random ids).
     */
    private static String comparable(String everything) {
        String[] parts = everything.split("\n", 2);
        try {
            ObjectNode view = (ObjectNode) JSON.readTree(parts[0]);
            List<String> explain = new ArrayList<>();
            view.get("explain").forEach(line -> explain.add(((ObjectNode) line.deepCopy()).without("event").toString()));
            view.set("explain", JSON.valueToTree(explain.stream().sorted().toList()));
            return view + "\n" + parts[1];
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> storyIds() {
        return Map.of("customer", Api.id("c"), "conv", Api.id("conv"), "t1", Api.id("t"), "t2", Api.id("t"));
    }

    private static String[] story(Map<String, String> ids) {
        String customer = ids.get("customer");
        String conv = ids.get("conv");
        String t1 = ids.get("t1");
        String t2 = ids.get("t2");
        return new String[] {
            conversationCreated(conv, customer, 1),
            ticketCreated(t1, customer, conv, 2),
            message(conv, "teammate", 3),
            sharingChanged(t1, false, 4),
            unsharedTicketCreated(t2, customer, 5),
            linked(t2, conv, 6),
            sharingChanged(t2, true, 7),
            message(conv, "teammate", 8),
            stateChanged(t2, "in_progress", 9),
            conversationRead(conv, 10),
            ticketRead(t2, 11),
            sharingChanged(t1, true, 12),
            conversationState(conv, "closed", 13),
            message(conv, "customer", 14)};
    }

    // ---- rejections

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsAboutAnUnknownTicketAreRejectedAndChangeNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conv, customer, 1), ticketCreated(ticket, customer, null, 1));
        long before = version(api, customer);
        String seen = everything(api, customer);
        String missing = Api.id("t");

        Api.Reply reply = api.postEvents(
                stateChanged(missing, "resolved", 2),
                linked(missing, conv, 2),
                sharingChanged(missing, false, 2),
                ticketRead(missing, 2));

        assertThat(statuses(reply)).containsOnly("rejected").hasSize(4);
        assertThat(codes(reply)).containsOnly("unknown_ticket");
        assertThat(version(api, customer)).isEqualTo(before);
        assertThat(everything(api, customer)).isEqualTo(seen);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsAboutAnUnknownConversationAreRejectedAndChangeNothing(Backend backend) {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        String newTicket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1));
        long before = version(api, customer);
        String seen = everything(api, customer);
        String missing = Api.id("conv");
        String early = message(missing, "teammate", 2);

        Api.Reply reply = api.postEvents(
                early,
                conversationState(missing, "closed", 2),
                conversationRead(missing, 2),
                linked(ticket, missing, 2),
                ticketCreated(newTicket, customer, missing, 2));

        assertThat(statuses(reply)).containsOnly("rejected").hasSize(5);
        assertThat(codes(reply)).containsOnly("unknown_conversation");
        assertThat(version(api, customer)).isEqualTo(before);
        assertThat(everything(api, customer)).isEqualTo(seen);
        assertThat(ticketIds(api, customer)).containsExactly(ticket);
        assertThat(ticket(api, customer, ticket).get("conversationId").isNull()).isTrue();
        // a rejected event was not recorded: once the conversation exists, the same event applies
        assertThat(Db.appliedEvents(db, api.workspaceId(), idOf(early))).isZero();
        api.apply(conversationCreated(missing, customer, 1));
        assertThat(statuses(api.postEvents(early))).containsExactly("applied");
        assertThat(Db.messageCount(db, api.workspaceId(), missing)).contains(1);
    }

    /**
     * An event refused after it made a new customer's row (here: it names another customer's conversation)
     * leaves no row behind.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewCustomersRefusedFirstEventLeavesNothingBehind(Backend backend) {
        Api api = Api.demo(backend);
        String conv = Api.id("conv");
        api.apply(conversationCreated(conv, Api.id("c"), 1));
        Fingerprint before = Fingerprint.of(backend);

        assertThat(codes(api.postEvents(ticketCreated(Api.id("t"), Api.id("c"), conv, 3))))
                .containsExactly("customer_mismatch");
        before.assertUnchanged("a new customer's refused first event");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTicketCannotBeLinkedToAnotherCustomersConversation(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String otherCustomer = Api.id("c");
        String ticket = Api.id("t");
        String otherConv = Api.id("conv");
        api.apply(ticketCreated(ticket, customer, null, 1), conversationCreated(otherConv, otherCustomer, 1));
        long before = version(api, customer);
        long otherBefore = version(api, otherCustomer);
        String seen = everything(api, customer);
        String otherSeen = everything(api, otherCustomer);

        Api.Reply reply = api.postEvents(
                linked(ticket, otherConv, 2),
                ticketCreated(Api.id("t"), customer, otherConv, 2));

        assertThat(statuses(reply)).containsExactly("rejected", "rejected");
        assertThat(codes(reply)).containsExactly("customer_mismatch", "customer_mismatch");
        assertThat(version(api, customer)).isEqualTo(before);
        assertThat(version(api, otherCustomer)).isEqualTo(otherBefore);
        assertThat(everything(api, customer)).isEqualTo(seen);
        assertThat(everything(api, otherCustomer)).isEqualTo(otherSeen);
        assertThat(conversation(api, otherCustomer, otherConv).get("ticket").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void creatingATicketOrConversationTwiceIsRejectedAndChangesNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String otherCustomer = Api.id("c");
        String ticket = Api.id("t");
        String conv = Api.id("conv");
        api.apply(ticketCreated(ticket, customer, null, 1), conversationCreated(conv, customer, 1));
        long before = version(api, customer);
        long otherBefore = version(api, otherCustomer);
        String seen = everything(api, customer);

        Api.Reply reply = api.postEvents(
                event("ticket.created", 2, "ticketId", ticket, "customerId", customer, "title", "Another title",
                        "state", state("in_progress")),
                event("ticket.created", 2, "ticketId", ticket, "customerId", otherCustomer, "title", "Theirs",
                        "state", state("submitted")),
                conversationCreated(conv, customer, 2),
                conversationCreated(conv, otherCustomer, 2));

        assertThat(statuses(reply)).containsOnly("rejected").hasSize(4);
        assertThat(codes(reply)).containsExactly("ticket_exists", "ticket_exists", "conversation_exists",
                "conversation_exists");
        assertThat(version(api, customer)).isEqualTo(before);
        assertThat(everything(api, customer)).isEqualTo(seen);
        assertThat(ticket(api, customer, ticket).get("title").asText()).isEqualTo("Ticket " + ticket);
        assertThat(version(api, otherCustomer)).isEqualTo(otherBefore);
        assertThat(visible(api, otherCustomer, "tickets")).isFalse();
        assertThat(conversations(api, otherCustomer)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aConversationHasAtMostOneSharedTicket(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String first = Api.id("t");
        String created = Api.id("t");
        String toLink = Api.id("t");
        String unshared = Api.id("t");
        api.apply(conversationCreated(conv, customer, 1), ticketCreated(first, customer, conv, 1),
                ticketCreated(toLink, customer, null, 1));
        // an unshared ticket may join the conversation (R2 is about shared tickets)
        api.apply(event("ticket.created", 2, "ticketId", unshared, "customerId", customer, "title", "Internal",
                "state", state("submitted"), "sharedWithCustomer", false, "conversationId", conv));
        long before = version(api, customer);
        String seen = everything(api, customer);

        Api.Reply reply = api.postEvents(
                ticketCreated(created, customer, conv, 3),
                linked(toLink, conv, 3),
                sharingChanged(unshared, true, 3));

        assertThat(statuses(reply)).containsExactly("rejected", "rejected", "rejected");
        assertThat(codes(reply)).containsOnly("conversation_already_has_ticket");
        for (JsonNode result : reply.json().get("results")) {
            assertThat(result.get("message").asText()).contains(conv);
        }
        assertThat(version(api, customer)).isEqualTo(before);
        assertThat(everything(api, customer)).isEqualTo(seen);
        assertThat(ticketIds(api, customer)).containsExactlyInAnyOrder(first, toLink);
        assertThat(ticket(api, customer, toLink).get("conversationId").isNull()).isTrue();
        assertThat(conversation(api, customer, conv).get("ticket").get("id").asText()).isEqualTo(first);
        // once the first ticket is no longer shared, another one may be
        api.apply(sharingChanged(first, false, 4));
        assertThat(statuses(api.postEvents(linked(toLink, conv, 5)))).containsExactly("applied");
        assertThat(conversation(api, customer, conv).get("ticket").get("id").asText()).isEqualTo(toLink);
    }

    private static List<String> ids(String... events) {
        return Arrays.stream(events).map(Observed::idOf).toList();
    }
}
