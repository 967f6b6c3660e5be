package dev.ticketspace.subjects;

import dev.ticketspace.store.BadgeCounts;
import dev.ticketspace.store.BadgeItem;
import dev.ticketspace.store.ConversationDecided;
import dev.ticketspace.store.DecidedDao;
import dev.ticketspace.store.StoredCounts;
import dev.ticketspace.store.TicketDecided;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stores what was decided about some of a customer's subjects, under the customer's lock: only the rows
 * whose decisions came out otherwise are written, and the customer's counts move on by the difference.
 */
public final class SubjectStore {
    private SubjectStore() {
    }

    /**
     * What storing changed: the counts' difference, the counts over the subjects stored, the badges'
     * difference, and whether anything the customer sees changed.
     */
    public record Stored(StoredCounts delta, StoredCounts total, BadgeCounts badges, boolean changed) {
        static final Stored NOTHING = new Stored(StoredCounts.ZERO, StoredCounts.ZERO, BadgeCounts.ZERO, false);

        Stored plus(Stored other) {
            return new Stored(delta.plus(other.delta), total.plus(other.total), badges.plus(other.badges),
                    changed || other.changed);
        }
    }

    /** Subjects stored per round of statements: each round binds a few ids per subject. */
    private static final int CHUNK = 500;

    public static Stored store(DecidedDao dao, String workspaceId, String customerId, List<Decided> subjects) {
        Stored stored = Stored.NOTHING;
        for (int from = 0; from < subjects.size(); from += CHUNK) {
            stored = stored.plus(storeChunk(dao, workspaceId, customerId,
                    subjects.subList(from, Math.min(subjects.size(), from + CHUNK))));
        }
        return stored;
    }

    private static Stored storeChunk(DecidedDao dao, String workspaceId, String customerId,
                                     Collection<Decided> subjects) {
        List<TicketDecided> tickets = subjects.stream().flatMap(s -> s.tickets().stream()).toList();
        List<ConversationDecided> conversations = subjects.stream().map(Decided::conversation)
                .filter(Objects::nonNull).toList();
        Map<String, TicketDecided> ticketsBefore = tickets.isEmpty() ? Map.of()
                : byId(dao.ticketsDecided(workspaceId, ids(tickets, TicketDecided::ticketId)), TicketDecided::ticketId);
        Map<String, ConversationDecided> conversationsBefore = conversations.isEmpty() ? Map.of()
                : byId(dao.conversationsDecided(workspaceId, ids(conversations, ConversationDecided::conversationId)),
                ConversationDecided::conversationId);

        StoredCounts before = StoredCounts.ZERO;
        StoredCounts after = StoredCounts.ZERO;
        boolean changed = false;
        List<TicketDecided> changedTickets = new ArrayList<>();
        for (TicketDecided ticket : tickets) {
            TicketDecided old = ticketsBefore.getOrDefault(ticket.ticketId(), TicketDecided.none(ticket.ticketId()));
            before = before.plus(StoredCounts.of(old));
            after = after.plus(StoredCounts.of(ticket));
            if (!old.equals(ticket)) {
                changedTickets.add(ticket);
                changed |= !old.withRecheckAt(null).equals(ticket.withRecheckAt(null));
            }
        }
        List<ConversationDecided> changedConversations = new ArrayList<>();
        for (ConversationDecided conversation : conversations) {
            ConversationDecided old = conversationsBefore.getOrDefault(conversation.conversationId(),
                    ConversationDecided.none(conversation.conversationId()));
            before = before.plus(StoredCounts.of(old));
            after = after.plus(StoredCounts.of(conversation));
            if (!old.equals(conversation)) {
                changedConversations.add(conversation);
                changed |= !old.withRecheckAt(null).equals(conversation.withRecheckAt(null));
            }
        }
        if (!changedTickets.isEmpty()) {
            dao.updateTickets(workspaceId, changedTickets);
        }
        if (!changedConversations.isEmpty()) {
            dao.updateConversations(workspaceId, changedConversations);
        }
        BadgeCounts badges = storeBadges(dao, workspaceId, customerId, subjects);
        return new Stored(after.minus(before), after, badges, changed || !badges.isZero());
    }

    /**
     * Replaces the badge items of the subjects whose items changed; answers how many distinct items each
     * space's badge gained (or lost), counting the items other subjects lit too.
     */
    private static BadgeCounts storeBadges(DecidedDao dao, String workspaceId, String customerId,
                                           Collection<Decided> subjects) {
        List<String> keys = subjects.stream().map(s -> s.cluster().key()).toList();
        if (keys.isEmpty()) {
            return BadgeCounts.ZERO;
        }
        Map<String, Set<BadgeItem>> stored = dao.badgeItems(workspaceId, customerId, keys).stream()
                .collect(Collectors.groupingBy(BadgeItem::subject, Collectors.toSet()));
        List<BadgeItem> removed = new ArrayList<>();
        List<BadgeItem> added = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (Decided subject : subjects) {
            Set<BadgeItem> before = stored.getOrDefault(subject.cluster().key(), Set.of());
            Set<BadgeItem> after = Set.copyOf(subject.badges());
            if (!before.equals(after)) {
                differing.add(subject.cluster().key());
                before.stream().filter(item -> !after.contains(item)).forEach(removed::add);
                after.stream().filter(item -> !before.contains(item)).forEach(added::add);
            }
        }
        if (differing.isEmpty()) {
            return BadgeCounts.ZERO;
        }
        Set<String> itemIds = new HashSet<>();
        removed.forEach(item -> itemIds.add(item.itemId()));
        added.forEach(item -> itemIds.add(item.itemId()));
        Map<BadgeItem, Integer> holders = new HashMap<>();
        dao.badgeHolders(workspaceId, customerId, itemIds).forEach(item -> holders.merge(item.anySubject(), 1,
                Integer::sum));
        Map<BadgeItem, Integer> holdersAfter = new HashMap<>(holders);
        removed.forEach(item -> holdersAfter.merge(item.anySubject(), -1, Integer::sum));
        added.forEach(item -> holdersAfter.merge(item.anySubject(), 1, Integer::sum));
        BadgeCounts delta = BadgeCounts.ZERO;
        for (Map.Entry<BadgeItem, Integer> entry : holdersAfter.entrySet()) {
            boolean litBefore = holders.getOrDefault(entry.getKey(), 0) > 0;
            boolean litAfter = entry.getValue() > 0;
            if (litBefore != litAfter) {
                delta = delta.plus(entry.getKey().space(), litAfter ? 1 : -1);
            }
        }
        dao.deleteBadges(workspaceId, customerId, differing);
        List<BadgeItem> inserted = subjects.stream().filter(s -> differing.contains(s.cluster().key()))
                .flatMap(s -> s.badges().stream()).toList();
        if (!inserted.isEmpty()) {
            dao.insertBadges(workspaceId, customerId, inserted);
        }
        return delta;
    }

    private static <T> List<String> ids(List<T> rows, Function<T, String> id) {
        return rows.stream().map(id).toList();
    }

    private static <T> Map<String, T> byId(List<T> rows, Function<T, String> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
