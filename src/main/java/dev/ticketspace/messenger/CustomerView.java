package dev.ticketspace.messenger;

import dev.ticketspace.events.TicketState;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.Explanation;
import dev.ticketspace.rules.decisions.Action;
import dev.ticketspace.rules.decisions.Badge;
import dev.ticketspace.rules.decisions.CardCandidate;
import dev.ticketspace.rules.decisions.ConversationTicket;
import dev.ticketspace.rules.decisions.ConversationUnread;
import dev.ticketspace.rules.decisions.HomeCard;
import dev.ticketspace.rules.decisions.ListedTicket;
import dev.ticketspace.rules.decisions.Space;
import dev.ticketspace.rules.decisions.SpaceVisible;
import dev.ticketspace.rules.decisions.TicketAction;
import dev.ticketspace.rules.decisions.TicketUnread;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Only applies decisions: picks the one that stands where rules made several, sorts, counts and caps.
 */
final class CustomerView {
    private final String workspaceId;
    private final String customerId;
    private final long version;
    private final Map<String, TicketRow> tickets;
    private final Map<String, ConversationRow> conversations;
    private final Decisions decisions;
    private final Map<String, Action> actions;
    private final Set<String> unreadTickets;
    /** The state without explanations, built on first use: a cached view serves it to many reads. */
    private volatile MessengerState plainState;

    CustomerView(String workspaceId, String customerId, long version, Collection<TicketRow> tickets,
                 Collection<ConversationRow> conversations, Decisions decisions) {
        this.workspaceId = workspaceId;
        this.customerId = customerId;
        this.version = version;
        this.tickets = tickets.stream().collect(Collectors.toMap(TicketRow::id, Function.identity()));
        this.conversations = conversations.stream().collect(Collectors.toMap(ConversationRow::id,
                Function.identity()));
        this.decisions = decisions;
        this.actions = new HashMap<>();
        decisions.standing(TicketAction.class).forEach(a -> actions.put(a.ticketId(), a.action()));
        this.unreadTickets = new HashSet<>();
        decisions.all(TicketUnread.class).forEach(u -> unreadTickets.add(u.ticketId()));
    }

    long version() {
        return version;
    }

    /** When a time-based rule would next decide otherwise, or null. */
    Instant nextChange() {
        return decisions.nextChange();
    }

    List<String> conflicts() {
        return decisions.conflicts();
    }

    boolean isVisible(Space space) {
        return decisions.any(SpaceVisible.class, v -> v.space() == space);
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
        List<MessengerState.Space> spaces = Arrays.stream(Space.values())
                .map(space -> new MessengerState.Space(space.wire(), isVisible(space), badge(space)))
                .toList();
        List<MessengerState.Card> cards = decisions.standing(HomeCard.class).stream()
                .sorted(Comparator.comparingInt(HomeCard::priority).reversed()
                        .thenComparing(HomeCard::type))
                .map(card -> new MessengerState.Card(card.type().wire(), cardTickets(card)))
                .toList();
        return new MessengerState(workspaceId, customerId, version, spaces, new MessengerState.Home(cards),
                explain ? explanations() : null);
    }

    /** Both moments: the decisions standing now, and those stored with the tickets when things happened. */
    private List<Explanation> explanations() {
        List<Explanation> all = new ArrayList<>(decisions.explanations());
        tickets.values().stream().sorted(Comparator.comparing(TicketRow::id)).forEach(ticket ->
                ticket.trail().entries().forEach(entry -> all.add(new Explanation(entry.decision(), ticket.id(),
                        entry.rule(), entry.event(), entry.at()))));
        return all;
    }

    /** The Tickets space list, in order, with each entry's position. */
    List<Entry<TicketSummary>> listedTickets() {
        return decisions.standing(ListedTicket.class).stream()
                .filter(listed -> tickets.containsKey(listed.ticketId()))
                .map(listed -> new Entry<>(SortKey.of(listed.priority(), listed.rankAt(),
                        tickets.get(listed.ticketId()).createdAt(), listed.ticketId()), summary(listed.ticketId())))
                .sorted(Comparator.comparing(Entry::key))
                .toList();
    }

    /** The Messages space list, most recent message first, each with its linked ticket if rules attach one. */
    List<Entry<ConversationSummary>> conversations() {
        Set<String> unread = decisions.all(ConversationUnread.class).stream()
                .map(ConversationUnread::conversationId).collect(Collectors.toSet());
        Map<String, String> linkedTicket = new HashMap<>();
        decisions.standing(ConversationTicket.class).forEach(l -> linkedTicket.put(l.conversationId(), l.ticketId()));
        return conversations.values().stream()
                .map(c -> new Entry<>(SortKey.of(0, c.lastMessageAt(), c.createdAt(), c.id()), new ConversationSummary(
                        c.id(), c.state(), unread.contains(c.id()), c.lastMessageAt(),
                        linkedTicket.containsKey(c.id()) && tickets.containsKey(linkedTicket.get(c.id()))
                                ? summary(linkedTicket.get(c.id())) : null)))
                .sorted(Comparator.comparing(Entry::key))
                .toList();
    }

    /** The tickets a card lists: every card type there is lists its candidates. */
    private List<TicketSummary> cardTickets(HomeCard card) {
        return switch (card.type()) {
            case RECENT_TICKETS -> recentTickets(card.limit());
        };
    }

    private List<TicketSummary> recentTickets(int limit) {
        return decisions.standing(CardCandidate.class).stream()
                .filter(candidate -> tickets.containsKey(candidate.ticketId()))
                .map(candidate -> new Entry<>(SortKey.of(candidate.priority(), candidate.rankAt(),
                        tickets.get(candidate.ticketId()).createdAt(), candidate.ticketId()), candidate.ticketId()))
                .sorted(Comparator.comparing(Entry::key))
                .limit(limit)
                .map(entry -> summary(entry.value()))
                .toList();
    }

    private int badge(Space space) {
        return (int) decisions.all(Badge.class).stream()
                .filter(badge -> badge.space() == space)
                .map(Badge::itemId)
                .distinct()
                .count();
    }

    private TicketSummary summary(String ticketId) {
        TicketRow ticket = tickets.get(ticketId);
        Action action = actions.get(ticketId);
        return new TicketSummary(ticket.id(), ticket.title(), new TicketState(ticket.category(), ticket.label()),
                ticket.lastActivityAt(), unreadTickets.contains(ticketId), ticket.conversationId(),
                action == null ? null : action.wire());
    }

    /** A list entry and its position. */
    record Entry<T>(SortKey key, T value) {
    }
}
