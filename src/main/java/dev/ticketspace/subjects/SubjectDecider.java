package dev.ticketspace.subjects;

import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.Scope;
import dev.ticketspace.rules.decisions.Badge;
import dev.ticketspace.rules.decisions.CardCandidate;
import dev.ticketspace.rules.decisions.ConversationTicket;
import dev.ticketspace.rules.decisions.ConversationUnread;
import dev.ticketspace.rules.decisions.ListedTicket;
import dev.ticketspace.rules.decisions.TicketAction;
import dev.ticketspace.rules.decisions.TicketUnread;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Ticket;
import dev.ticketspace.store.BadgeItem;
import dev.ticketspace.store.ConversationDecided;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.ListKey;
import dev.ticketspace.store.TicketDecided;
import dev.ticketspace.store.TicketRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the subject scope's rules over one subject and shapes what they decide as it is stored. */
public final class SubjectDecider {
    private final RuleBase rules;

    public SubjectDecider(RuleBase rules) {
        this.rules = rules;
    }

    public Decided decide(String workspaceId, String customerId, Cluster cluster, Instant now, boolean explain) {
        List<Object> facts = new ArrayList<>(cluster.tickets().size() + 2);
        facts.add(new Customer(workspaceId, customerId));
        if (cluster.conversation() != null) {
            facts.add(Conversation.of(cluster.conversation()));
        }
        cluster.tickets().forEach(ticket -> facts.add(Ticket.of(ticket)));
        Decisions decisions = rules.decide(Scope.SUBJECT, facts, now, explain);
        Instant recheckAt = decisions.nextChange();

        Map<String, ListedTicket> listed = standing(decisions, ListedTicket.class, ListedTicket::ticketId);
        Map<String, CardCandidate> candidates = standing(decisions, CardCandidate.class, CardCandidate::ticketId);
        Map<String, TicketAction> actions = standing(decisions, TicketAction.class, TicketAction::ticketId);
        Set<String> unread = decisions.all(TicketUnread.class).stream().map(TicketUnread::ticketId)
                .collect(Collectors.toSet());
        List<TicketDecided> tickets = cluster.tickets().stream().map(ticket -> new TicketDecided(ticket.id(),
                ticket.shared(), listKey(listed.get(ticket.id()), ticket), cardKey(candidates.get(ticket.id()), ticket),
                actions.containsKey(ticket.id()) ? actions.get(ticket.id()).action().wire() : null,
                unread.contains(ticket.id()), recheckAt)).toList();

        ConversationDecided conversation = null;
        ConversationRow row = cluster.conversation();
        if (row != null) {
            Set<String> ticketIds = cluster.tickets().stream().map(TicketRow::id).collect(Collectors.toSet());
            ConversationTicket linked = standing(decisions, ConversationTicket.class, ConversationTicket::conversationId)
                    .get(row.id());
            conversation = new ConversationDecided(row.id(), ListKey.of(0, row.lastMessageAt(), row.createdAt(), row.id()),
                    decisions.any(ConversationUnread.class, u -> u.conversationId().equals(row.id())),
                    linked != null && ticketIds.contains(linked.ticketId()) ? linked.ticketId() : null, recheckAt);
        }
        List<BadgeItem> badges = decisions.all(Badge.class).stream()
                .map(badge -> new BadgeItem(cluster.key(), badge.space().wire(), badge.itemId())).distinct().toList();
        return new Decided(cluster, tickets, conversation, badges, decisions);
    }

    private static <T extends dev.ticketspace.rules.decisions.OnePerSubject<T>> Map<String, T> standing(
            Decisions decisions, Class<T> type, Function<T, String> subject) {
        Map<String, T> bySubject = new HashMap<>();
        decisions.standing(type).forEach(decision -> bySubject.put(subject.apply(decision), decision));
        return bySubject;
    }

    private static String listKey(ListedTicket listed, TicketRow ticket) {
        return listed == null ? null : ListKey.of(listed.priority(), listed.rankAt(), ticket.createdAt(), ticket.id());
    }

    private static String cardKey(CardCandidate candidate, TicketRow ticket) {
        return candidate == null ? null
                : ListKey.of(candidate.priority(), candidate.rankAt(), ticket.createdAt(), ticket.id());
    }
}
