package dev.ticketspace.events;

import dev.ticketspace.events.handlers.Subjects;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.decisions.TicketTimeDecision;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import dev.ticketspace.store.DecisionTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules' first moment: what an event means for the rows it touches, decided over the happening and
 * those rows as they were before it, and stored in them. Applying an event and deciding a customer's
 * history again after a rules change both go through here.
 */
final class EventRules {
    private final RuleBase rules;

    EventRules(RuleBase rules) {
        this.rules = rules;
    }

    /** Decides, with explain on: each stored decision remembers its rule. */
    Decisions decide(Event event, Settings settings, String workspaceId, Subjects subjects, Instant now) {
        List<Object> facts = new ArrayList<>();
        facts.add(event.happening());
        facts.add(settings);
        facts.add(new Customer(workspaceId, subjects.customerId()));
        if (subjects.conversation() != null) {
            facts.add(Conversation.of(subjects.conversation()));
        }
        subjects.tickets().forEach(ticket -> facts.add(Ticket.of(ticket)));
        return rules.decide(facts, now, true);
    }

    /** Stores the decisions about the event's tickets, each with the rule and event behind it. */
    static void store(Decisions decisions, Event event, Subjects subjects) {
        for (TicketTimeDecision decision : decisions.all(TicketTimeDecision.class)) {
            DecisionTrail.Entry entry = new DecisionTrail.Entry(decision.name(), decisions.ruleOf(decision),
                    event.id(), decision.at());
            subjects.changeTicket(decision.ticketId(), ticket -> ticket.withLater(decision.time(), entry));
        }
    }
}
