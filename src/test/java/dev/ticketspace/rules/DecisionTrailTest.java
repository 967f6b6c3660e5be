package dev.ticketspace.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Events;
import dev.ticketspace.support.FixtureRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code explain} names the rules behind decisions made when something happened, with the event and
 * time each stands for, beside the decisions of the customer's view; on a fixture rule set.
 */
class DecisionTrailTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void explainNamesTheRuleEventAndTimeBehindEachStoredDecision(Backend backend) {
        Api api = FixtureRules.demo("trail", backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        String created = Api.id("e");
        String changed = Api.id("e");
        api.apply(Events.event("ticket.created", 1, "id", created, "ticketId", ticket, "customerId", customer,
                "title", "Refund", "state", Events.state("submitted")));
        assertThat(trail(api, customer, ticket)).containsExactly(
                "ticket_notification|Creation notifies|" + created + "|" + Events.at(1));

        api.apply(Events.event("ticket.state_changed", 5, "id", changed, "ticketId", ticket,
                "state", Events.state("in_progress")));
        api.readTicket(customer, ticket);
        List<String> trail = trail(api, customer, ticket);
        assertThat(trail).hasSize(2).contains(
                "ticket_notification|Any state change notifies|" + changed + "|" + Events.at(5));
        assertThat(trail).anyMatch(line -> line.startsWith("ticket_marked_read|Reading a ticket reads it|read:"));

        // an older event moves no time on, so the decision standing behind it stays
        api.apply(Events.event("ticket.state_changed", 3, "id", Api.id("e"), "ticketId", ticket,
                "state", Events.state("waiting_on_customer")));
        assertThat(trail(api, customer, ticket)).contains(
                "ticket_notification|Any state change notifies|" + changed + "|" + Events.at(5));
    }

    /** The explain lines about the ticket that name an event: decision|rule|event|at. */
    private static List<String> trail(Api api, String customer, String ticket) {
        List<String> lines = new ArrayList<>();
        for (JsonNode line : api.explain(customer).json().get("explain")) {
            if (line.get("subject").asText().equals(ticket) && line.has("event")) {
                lines.add(line.get("decision").asText() + "|" + line.get("rule").asText() + "|"
                        + line.get("event").asText() + "|" + Instant.parse(line.get("at").asText()));
            }
        }
        return lines;
    }
}
