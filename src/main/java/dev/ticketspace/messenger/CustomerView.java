package dev.ticketspace.messenger;

import dev.ticketspace.events.TicketState;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.decisions.Badge;
import dev.ticketspace.rules.decisions.CardCandidate;
import dev.ticketspace.rules.decisions.ConversationTicket;
import dev.ticketspace.rules.decisions.ConversationUnread;
import dev.ticketspace.rules.decisions.HomeCard;
import dev.ticketspace.rules.decisions.ListedTicket;
import dev.ticketspace.rules.decisions.SpaceVisible;
import dev.ticketspace.rules.decisions.TicketAction;
import dev.ticketspace.rules.decisions.TicketUnread;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Ticket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One customer's stored facts and the rules' decisions about them, turned into what the messenger shows.
 * Only applies decisions: sorts, counts and caps.
 */
final class CustomerView {
    static final List<String> SPACES = List.of("home", "messages", "tickets");

    private final String workspaceId;
    private final String customerId;
    private final long version;
    private final Map<String, Ticket> tickets;
    private final Map<String, Conversation> conversations;
    private final Decisions decisions;
    private final Map<String, String> actions;
    private final Set<String> unreadTickets;
    /** The state without explanations, built on first use: a cached view serves it to many reads. */
    private volatile MessengerState plainState;

    CustomerView(String workspaceId, String customerId, long version, Collection<Ticket> tickets,
                 Collection<Conversation> conversations, Decisions decisions) {
        this.workspaceId = workspaceId;
        this.customerId = customerId;
        this.version = version;
        this.tickets = tickets.stream().collect(Collectors.toMap(Ticket::id, Function.identity()));
        this.conversations = conversations.stream().collect(Collectors.toMap(Conversation::id, Function.identity()));
        this.decisions = decisions;
        this.actions = new HashMap<>();
        decisions.all(TicketAction.class).forEach(a -> actions.putIfAbsent(a.ticketId(), a.action()));
        this.unreadTickets = new HashSet<>();
        decisions.all(TicketUnread.class).forEach(u -> unreadTickets.add(u.ticketId()));
    }

    long version() {
        return version;
    }

    boolean isVisible(String space) {
        return decisions.any(SpaceVisible.class, v -> v.space().equals(space));
    }

    MessengerState state(boolean explain) {
        if (explain) {
            return build(true);
        }
        MessengerState state = plainState;
        if (state == null) {
            state = build(false);
            plainState = state;
        }
        return state;
    }

    private MessengerState build(boolean explain) {
        List<MessengerState.Space> spaces = SPACES.stream()
                .map(id -> new MessengerState.Space(id, isVisible(id), badge(id)))
                .toList();
        List<MessengerState.Card> cards = new ArrayList<>();
        for (HomeCard card : decisions.all(HomeCard.class)) {
            if (card.type().equals("recent_tickets")) {
                cards.add(new MessengerState.Card(card.type(), recentTickets(card.limit())));
            }
        }
        return new MessengerState(workspaceId, customerId, version, spaces, new MessengerState.Home(cards),
                explain ? decisions.explanations() : null);
    }

    /** The Tickets space list, in order, with each entry's position. */
    List<Entry<TicketSummary>> listedTickets() {
        return decisions.all(ListedTicket.class).stream()
                .filter(listed -> tickets.containsKey(listed.ticketId()))
                .map(listed -> new Entry<>(SortKey.of(listed.rankAt(), tickets.get(listed.ticketId()).createdAt(),
                        listed.ticketId()), summary(listed.ticketId())))
                .sorted(Comparator.comparing(Entry::key))
                .toList();
    }

    /** The Messages space list, most recent message first, each with its linked ticket if rules attach one. */
    List<Entry<ConversationSummary>> conversations() {
        Set<String> unread = decisions.all(ConversationUnread.class).stream()
                .map(ConversationUnread::conversationId).collect(Collectors.toSet());
        Map<String, String> linkedTicket = new HashMap<>();
        decisions.all(ConversationTicket.class).forEach(l -> linkedTicket.putIfAbsent(l.conversationId(), l.ticketId()));
        return conversations.values().stream()
                .map(c -> new Entry<>(SortKey.of(c.lastMessageAt(), c.createdAt(), c.id()), new ConversationSummary(
                        c.id(), c.state(), unread.contains(c.id()), c.lastMessageAt(),
                        linkedTicket.containsKey(c.id()) && tickets.containsKey(linkedTicket.get(c.id()))
                                ? summary(linkedTicket.get(c.id())) : null)))
                .sorted(Comparator.comparing(Entry::key))
                .toList();
    }

    private List<TicketSummary> recentTickets(int limit) {
        return decisions.all(CardCandidate.class).stream()
                .filter(candidate -> tickets.containsKey(candidate.ticketId()))
                .map(candidate -> new Entry<>(SortKey.of(candidate.rankAt(),
                        tickets.get(candidate.ticketId()).createdAt(), candidate.ticketId()), candidate.ticketId()))
                .sorted(Comparator.comparing(Entry::key))
                .limit(limit)
                .map(entry -> summary(entry.value()))
                .toList();
    }

    private int badge(String space) {
        return (int) decisions.all(Badge.class).stream()
                .filter(badge -> badge.space().equals(space))
                .map(Badge::itemId)
                .distinct()
                .count();
    }

    private TicketSummary summary(String ticketId) {
        Ticket ticket = tickets.get(ticketId);
        return new TicketSummary(ticket.id(), ticket.title(), new TicketState(ticket.category(), ticket.label()),
                ticket.lastActivityAt(), unreadTickets.contains(ticketId), ticket.conversationId(),
                actions.get(ticketId));
    }

    /** A list entry and its position. */
    record Entry<T>(SortKey key, T value) {
    }
}
