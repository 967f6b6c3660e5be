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
import dev.ticketspace.rules.facts.Counts;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shipped read-time rules written out by hand, in their two scopes, as the benchmark's baseline
 * only: what Drools costs over plain Java. The benchmark checks that both decide the same on generated
 * customers.
 */
final class HandWrittenDecisions {
    private HandWrittenDecisions() {
    }

    /** The subject scope: one conversation with its linked tickets, or one ticket without a conversation. */
    static Set<Decision> subject(GeneratedCustomers.Subject subject) {
        Set<Decision> decisions = new HashSet<>();
        Conversation conversation = subject.conversation();
        for (Ticket ticket : subject.tickets()) {
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
            }
            if (isBefore(ticket.readAt(), ticket.notifiedAt())) {
                decisions.add(new TicketUnread(ticket.id()));
                decisions.add(new Badge(Space.TICKETS, ticket.id()));
            }
            boolean linked = conversation != null && conversation.id().equals(ticket.conversationId());
            Action action = ticket.conversationId() == null ? Action.SEND_MESSAGE : linked ? action(conversation) : null;
            if (action != null) {
                decisions.add(new TicketAction(ticket.id(), action));
            }
            if (linked) {
                decisions.add(new ConversationTicket(conversation.id(), ticket.id()));
            }
        }
        if (conversation != null && isBefore(conversation.customerReadAt(), conversation.lastTeammateMessageAt())) {
            decisions.add(new ConversationUnread(conversation.id()));
            decisions.add(new Badge(Space.MESSAGES, conversation.id()));
        }
        return decisions;
    }

    /** The customer scope, over the counts kept from what the subject scope decided. */
    static Set<Decision> customer(Settings settings, Counts counts) {
        Set<Decision> decisions = new HashSet<>();
        boolean enabled = settings.homeApps().contains("tickets");
        if (enabled) {
            decisions.add(new SpaceEnabled(Space.TICKETS));
        }
        decisions.add(new SpaceVisible(Space.HOME));
        decisions.add(new SpaceVisible(Space.MESSAGES));
        if (enabled && counts.sharedTickets() > 0) {
            decisions.add(new SpaceVisible(Space.TICKETS));
        } else {
            decisions.add(new BadgeHidden(Space.TICKETS));
        }
        if (enabled && counts.cardCandidates() > 0) {
            decisions.add(new HomeCard(CardType.RECENT_TICKETS, settings.recentTicketsLimit()));
        }
        return decisions;
    }

    /** The counts the service keeps over a customer's subjects, from what was decided about each. */
    static Counts counts(List<GeneratedCustomers.Subject> subjects, List<Set<Decision>> decided) {
        int shared = (int) subjects.stream().flatMap(subject -> subject.tickets().stream()).filter(Ticket::shared).count();
        List<Decision> all = decided.stream().flatMap(Set::stream).toList();
        return new Counts(shared, count(all, ListedTicket.class), count(all, CardCandidate.class),
                count(all, TicketUnread.class), count(all, ConversationUnread.class));
    }

    private static int count(List<Decision> decisions, Class<? extends Decision> type) {
        return (int) decisions.stream().filter(type::isInstance).count();
    }

    private static Action action(Conversation conversation) {
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
