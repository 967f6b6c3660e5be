package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.conversationEntry;
import static dev.ticketspace.rules.Views.listed;
import static dev.ticketspace.rules.Views.listedTicketIds;
import static dev.ticketspace.rules.Views.results;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.support.Events.conversationCreated;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Links between tickets and conversations: the conversation entry carries its ticket (spec S3) and a
 * conversation has at most one shared ticket (spec R2).
 *
 * <p>The database has a unique key backing R2; it refuses with {@code integrity_conflict}, so the code
 * {@code conversation_already_has_ticket} shows the rule refused. The tests also check the rule's message,
 * which names the ticket that already holds the conversation.
 */
class LinksTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void s3_everyConversationEntryCarriesItsLinkedSharedTicketsSummary(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String createdIn = Api.id("conv");
        String linkedLater = Api.id("conv");
        String plain = Api.id("conv");
        String first = Api.id("t");
        String second = Api.id("t");
        api.apply(conversationCreated(createdIn, customer, 1), conversationCreated(linkedLater, customer, 1),
                conversationCreated(plain, customer, 1),
                ticketCreated(first, customer, createdIn, 2),
                ticketCreated(second, customer, null, 3), linked(second, linkedLater, 4),
                message(createdIn, "teammate", 5), message(linkedLater, "customer", 6), message(plain, "teammate", 7));

        JsonNode firstSummary = conversationEntry(api, customer, createdIn).get("ticket");
        assertThat(firstSummary.isObject()).as("%s carries %s", createdIn, first).isTrue();
        assertThat(firstSummary.get("id").asText()).isEqualTo(first);
        assertThat(firstSummary.get("conversationId").asText()).isEqualTo(createdIn);
        assertThat(firstSummary).isEqualTo(listed(api, customer, first));

        JsonNode secondSummary = conversationEntry(api, customer, linkedLater).get("ticket");
        assertThat(secondSummary.isObject()).as("%s carries %s", linkedLater, second).isTrue();
        assertThat(secondSummary.get("id").asText()).isEqualTo(second);
        assertThat(secondSummary).isEqualTo(listed(api, customer, second));

        assertThat(conversationEntry(api, customer, plain).get("ticket").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r2_linkingASecondSharedTicketToAConversationIsRefusedAndChangesNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String holder = Api.id("t");
        String second = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(holder, customer, conversation, 2),
                ticketCreated(second, customer, null, 3));
        JsonNode before = state(api, customer);
        JsonNode secondBefore = listed(api, customer, second);

        JsonNode result = results(api.postEvents(linked(second, conversation, 4))).get(0);

        assertThat(result.get("status").asText()).isEqualTo("rejected");
        assertThat(result.get("code").asText()).isEqualTo("conversation_already_has_ticket");
        assertThat(result.get("message").asText()).as("a clear error names the ticket holding the conversation")
                .contains(conversation).contains(holder);
        assertThat(state(api, customer)).as("nothing changes, not even the version").isEqualTo(before);
        assertThat(listed(api, customer, second)).isEqualTo(secondBefore);
        assertThat(conversationEntry(api, customer, conversation).get("ticket").get("id").asText()).isEqualTo(holder);

        assertThat(results(api.postEvents(linked(holder, conversation, 5))).get(0).get("status").asText())
                .as("linking the holder again is no second ticket").isEqualTo("applied");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r2_creatingASecondSharedTicketInAConversationIsRefusedAndChangesNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String holder = Api.id("t");
        String second = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(holder, customer, conversation, 2));
        JsonNode before = state(api, customer);

        JsonNode result = results(api.postEvents(ticketCreated(second, customer, conversation, 3))).get(0);

        assertThat(result.get("status").asText()).isEqualTo("rejected");
        assertThat(result.get("code").asText()).isEqualTo("conversation_already_has_ticket");
        assertThat(result.get("message").asText()).contains(conversation).contains(holder);
        assertThat(state(api, customer)).isEqualTo(before);
        assertThat(listedTicketIds(api, customer)).containsExactly(holder);
        assertThat(results(api.postEvents(stateChanged(second, "in_progress", 4))).get(0).get("code").asText())
                .as("the refused ticket does not exist").isEqualTo("unknown_ticket");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r2_sharingASecondTicketOfAConversationIsRefusedAndChangesNothing(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String holder = Api.id("t");
        String internal = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(holder, customer, conversation, 2),
                unsharedTicketCreated(internal, customer, 3), linked(internal, conversation, 4));
        assertThat(conversationEntry(api, customer, conversation).get("ticket").get("id").asText())
                .as("an unshared second ticket may be linked").isEqualTo(holder);
        JsonNode before = state(api, customer);

        JsonNode result = results(api.postEvents(sharingChanged(internal, true, 5))).get(0);

        assertThat(result.get("status").asText()).isEqualTo("rejected");
        assertThat(result.get("code").asText()).isEqualTo("conversation_already_has_ticket");
        assertThat(result.get("message").asText()).contains(conversation).contains(holder);
        assertThat(state(api, customer)).isEqualTo(before);
        assertThat(listedTicketIds(api, customer)).containsExactly(holder);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void r2_aRefusedEventInABatchLeavesTheOthersApplied(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String other = Api.id("conv");
        String holder = Api.id("t");
        String second = Api.id("t");
        api.apply(conversationCreated(conversation, customer, 1), conversationCreated(other, customer, 1),
                ticketCreated(holder, customer, conversation, 2), ticketCreated(second, customer, null, 3));

        JsonNode results = results(api.postEvents(linked(second, conversation, 4), linked(second, other, 5)));

        assertThat(results.get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("status").asText()).isEqualTo("applied");
        assertThat(conversationEntry(api, customer, other).get("ticket").get("id").asText()).isEqualTo(second);
        assertThat(conversationEntry(api, customer, conversation).get("ticket").get("id").asText()).isEqualTo(holder);
    }
}
