package dev.ticketspace.bench;

import dev.ticketspace.rules.decisions.Action;
import dev.ticketspace.rules.decisions.Badge;
import dev.ticketspace.rules.decisions.BadgeHidden;
import dev.ticketspace.rules.decisions.CardCandidate;
import dev.ticketspace.rules.decisions.CardType;
import dev.ticketspace.rules.decisions.ConversationTicket;
import dev.ticketspace.rules.decisions.ConversationUnread;
import dev.ticketspace.rules.decisions.Decision;
import dev.ticketspace.rules.decisions.HomeCard;
import dev.ticketspace.rules.decisions.KeptOffCard;
import dev.ticketspace.rules.decisions.ListedTicket;
import dev.ticketspace.rules.decisions.Space;
import dev.ticketspace.rules.decisions.SpaceEnabled;
import dev.ticketspace.rules.decisions.SpaceVisible;
import dev.ticketspace.rules.decisions.TicketAction;
import dev.ticketspace.rules.decisions.TicketUnread;
import dev.ticketspace.rules.facts.Category;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.ConversationState;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipped read-time rules written out by hand, as the benchmark's baseline only: what Drools costs
 * over plain Java. The benchmark checks that both decide the same on generated customers.
 */
final class HandWrittenDecisions {
    private HandWrittenDecisions() {
    }

    static Set<Decision> decide(Settings settings, List<Ticket> tickets, List<Conversation> conversations) {
        Set<Decision> decisions = new HashSet<>();
        boolean enabled = settings.homeApps().contains("tickets");
        boolean visible = enabled && tickets.stream().anyMatch(Ticket::shared);
        if (enabled) {
            decisions.add(new SpaceEnabled(Space.TICKETS));
        }
        decisions.add(new SpaceVisible(Space.HOME));
        decisions.add(new SpaceVisible(Space.MESSAGES));
        if (visible) {
            decisions.add(new SpaceVisible(Space.TICKETS));
        } else {
            decisions.add(new BadgeHidden(Space.TICKETS));
        }
        Map<String, Conversation> byId = new HashMap<>();
        conversations.forEach(c -> byId.put(c.id(), c));
        boolean anyCandidate = false;
        for (Ticket ticket : tickets) {
            boolean resolved = ticket.category() == Category.RESOLVED;
            if (resolved) {
                decisions.add(new KeptOffCard(ticket.id()));
            }
            if (!ticket.shared()) {
                continue;
            }
            decisions.add(new ListedTicket(ticket.id(), ticket.lastActivityAt()));
            if (ticket.cardActivityAt() != null && !resolved) {
                decisions.add(new CardCandidate(ticket.id(), ticket.cardActivityAt()));
                anyCandidate = true;
            }
            if (isBefore(ticket.readAt(), ticket.notifiedAt())) {
                decisions.add(new TicketUnread(ticket.id()));
                if (visible) {
                    decisions.add(new Badge(Space.TICKETS, ticket.id()));
                }
            }
            Action action = action(ticket, byId.get(ticket.conversationId()));
            if (action != null) {
                decisions.add(new TicketAction(ticket.id(), action));
            }
            if (ticket.conversationId() != null && byId.containsKey(ticket.conversationId())) {
                decisions.add(new ConversationTicket(ticket.conversationId(), ticket.id()));
            }
        }
        for (Conversation conversation : conversations) {
            if (isBefore(conversation.customerReadAt(), conversation.lastTeammateMessageAt())) {
                decisions.add(new ConversationUnread(conversation.id()));
                decisions.add(new Badge(Space.MESSAGES, conversation.id()));
            }
        }
        if (enabled && anyCandidate) {
            decisions.add(new HomeCard(CardType.RECENT_TICKETS, settings.recentTicketsLimit()));
        }
        return decisions;
    }

    private static Action action(Ticket ticket, Conversation conversation) {
        if (ticket.conversationId() == null) {
            return Action.SEND_MESSAGE;
        }
        if (conversation == null) {
            return null;
        }
        if (conversation.state() == ConversationState.CLOSED) {
            return Action.VIEW_CONVERSATION;
        }
        return conversation.messageCount() == 0 ? Action.SEND_MESSAGE : Action.CONTINUE_CONVERSATION;
    }

    /** Whether an update at {@code update} is unread given a read mark at {@code read} (either may be null). */
    private static boolean isBefore(Instant read, Instant update) {
        return update != null && (read == null || read.isBefore(update));
    }
}
