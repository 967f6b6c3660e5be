package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.conversationEntry;
import static dev.ticketspace.rules.Views.listed;
import static dev.ticketspace.rules.Views.listedTicketIds;
import static dev.ticketspace.rules.Views.minuteAfterNow;
import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.rules.Views.results;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationState;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Events;
import dev.ticketspace.support.FixtureRules;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the rules decide when something happens is recorded, at the event's time, and a refusal rolls the
 * event back; with the fixture rules of {@code rulesets/machinery} (see its README).
 */
class FixtureEventsTest {
    private static final String RULES = "machinery";

    private static Api api(Backend backend) {
        return FixtureRules.demo(RULES, backend);
    }

    private static boolean unread(Api api, String customer, String ticket) {
        return listed(api, customer, ticket).get("unread").asBoolean();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void notificationsAndReadMarksAreKeptAtTheirTimes(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        api.apply(ticketCreated(ticket, customer, null, 1), stateChanged(ticket, "in_progress", 5), ticketRead(ticket, 4));
        assertThat(unread(api, customer, ticket)).as("read at 4, notified at 5").isTrue();

        api.apply(ticketRead(ticket, 6));
        assertThat(unread(api, customer, ticket)).as("read at 6").isFalse();

        api.apply(stateChanged(ticket, "in_progress", 7));
        assertThat(unread(api, customer, ticket)).as("the fixture notifies even the same state again").isTrue();

        JsonNode read = ok(api.readTicket(customer, ticket));
        assertThat(badge(read, "home")).as("the read call answers the new state").isZero();
        assertThat(unread(api, customer, ticket)).isFalse();

        api.apply(stateChanged(ticket, "resolved", minuteAfterNow()));
        assertThat(unread(api, customer, ticket)).as("notified after the read call").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReadCallMarksOnlyWhatTheRulesSay(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3));

        ok(api.readConversation(customer, conversation));

        assertThat(unread(api, customer, ticket)).as("no fixture rule reads a ticket through its conversation").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void activityIsWhatTheRulesCallActivity(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3));
        assertThat(listed(api, customer, ticket).get("lastActivityAt").isNull()).as("neither creation nor message").isTrue();

        api.apply(stateChanged(ticket, "in_progress", 4));
        assertThat(Views.time(listed(api, customer, ticket).get("lastActivityAt"))).isEqualTo(Views.minute(4));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRefusedTicketIsNotCreatedAndTheRestOfTheBatchIsApplied(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String kept = Api.id("t");
        String refused = Api.id("t");
        String after = Api.id("t");
        api.apply(ticketCreated(kept, customer, null, 1));
        JsonNode before = state(api, customer);

        JsonNode results = results(api.postEvents(Events.event("ticket.created", 2, "ticketId", refused,
                "customerId", customer, "title", "refuse me", "state", Events.state("submitted"))));

        assertThat(results.get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(0).get("code").asText()).isEqualTo("fixture_refused");
        assertThat(results.get(0).get("message").asText()).isEqualTo("the fixture refuses ticket " + refused);
        assertThat(state(api, customer)).as("nothing changes, not even the version").isEqualTo(before);
        assertThat(results(api.postEvents(stateChanged(refused, "in_progress", 3))).get(0).get("code").asText())
                .as("the refused ticket does not exist").isEqualTo("unknown_ticket");

        JsonNode batch = results(api.postEvents(Events.event("ticket.created", 4, "ticketId", Api.id("t"),
                "customerId", customer, "title", "refuse me", "state", Events.state("submitted")),
                ticketCreated(after, customer, null, 5)));
        assertThat(batch.get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(batch.get(1).get("status").asText()).isEqualTo("applied");
        assertThat(listedTicketIds(api, customer)).containsExactlyInAnyOrder(kept, after);
    }

    /**
     * The fixture has no rule against a second shared ticket in a conversation, so the database's own
     * guard refuses it. A request inserts its new rows together at its end; refused there, it is applied
     * again event by event, and only the event that broke the guard is refused.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void theDatabaseRefusesASecondSharedTicketInAConversationAndOnlyThatEvent(Backend backend) {
        Api api = api(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String first = Api.id("t");
        String second = Api.id("t");
        String other = Api.id("t");

        String refused = ticketCreated(second, customer, conversation, 3);
        long replays = api.metrics().counter(EventApplier.REPLAYED);

        JsonNode results = results(api.postEvents(conversationCreated(conversation, customer, 1),
                ticketCreated(first, customer, conversation, 2), refused, ticketCreated(other, customer, null, 4)));

        assertThat(api.metrics().counter(EventApplier.REPLAYED)).as("applied again event by event")
                .isEqualTo(replays + 1);
        assertThat(results.findValuesAsText("status")).containsExactly("applied", "applied", "rejected", "applied");
        assertThat(results.get(2).get("code").asText()).isEqualTo("integrity_conflict");
        assertThat(listedTicketIds(api, customer)).containsExactlyInAnyOrder(first, other);
        assertThat(results(api.postEvents(refused)).get(0).get("code").asText())
                .as("sent again, the refused event is no duplicate").isEqualTo("integrity_conflict");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRefusedMessageLeavesTheConversationAsItWas(Backend backend) {
        Api api = api(backend);
        Jdbi jdbi = Db.of(api.app());
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        api.apply(conversationCreated(conversation, customer, 1), message(conversation, "customer", 2),
                conversationState(conversation, "closed", 3));
        JsonNode before = state(api, customer);
        JsonNode entryBefore = conversationEntry(api, customer, conversation);

        JsonNode result = results(api.postEvents(message(conversation, "customer", 4))).get(0);

        assertThat(result.get("code").asText()).isEqualTo("conversation_closed");
        assertThat(Db.messageCount(jdbi, "demo", conversation)).contains(1);
        assertThat(conversationEntry(api, customer, conversation)).isEqualTo(entryBefore);
        assertThat(state(api, customer)).isEqualTo(before);

        api.apply(message(conversation, "teammate", 5));
        assertThat(Db.messageCount(jdbi, "demo", conversation)).as("the rule refuses customers only").contains(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theVersionGrowsWheneverTheStateChanges(Backend backend) {
        Api api = Api.isolated(FixtureRules.app(RULES, backend));
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");

        long v0 = state(api, customer).get("version").asLong();
        assertThat(state(api, customer).get("version").asLong()).as("reading changes nothing").isEqualTo(v0);

        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2));
        long v1 = grew(api, customer, v0, "a ticket");
        api.apply(message(conversation, "teammate", 3));
        long v2 = grew(api, customer, v1, "a message");
        long v3 = ok(api.readConversation(customer, conversation)).get("version").asLong();
        assertThat(v3).as("a read").isGreaterThan(v2);
        assertThat(state(api, customer).get("version").asLong()).isEqualTo(v3);
        api.apply(stateChanged(ticket, "in_progress", minuteAfterNow()));
        long v4 = grew(api, customer, v3, "a state change");
        api.removeHomeApp("tickets");
        long v5 = grew(api, customer, v4, "disabling the Tickets space");
        api.addHomeApp("tickets");
        grew(api, customer, v5, "enabling the Tickets space");
    }

    private static long grew(Api api, String customer, long before, String what) {
        long now = state(api, customer).get("version").asLong();
        assertThat(now).as(what).isGreaterThan(before);
        return now;
    }
}
