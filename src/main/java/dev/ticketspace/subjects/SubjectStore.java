package dev.ticketspace.subjects;

import dev.ticketspace.store.BadgeCounts;
import dev.ticketspace.store.BadgeItem;
import dev.ticketspace.store.ConversationDecided;
import dev.ticketspace.store.CustomerBadgeItem;
import dev.ticketspace.store.DecidedDao;
import dev.ticketspace.store.StoredCounts;
import dev.ticketspace.store.TicketDecided;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
        return store(dao, workspaceId, Map.of(customerId, subjects)).get(customerId);
    }

    /** Stores several customers' subjects in the same rounds of statements; what it changed, per customer. */
    public static Map<String, Stored> store(DecidedDao dao, String workspaceId, Map<String, List<Decided>> subjects) {
        List<Owned> all = new ArrayList<>();
        Map<String, Stored> stored = new LinkedHashMap<>();
        subjects.forEach((customerId, decided) -> {
            stored.put(customerId, Stored.NOTHING);
            decided.forEach(subject -> all.add(new Owned(customerId, subject)));
        });
        for (int from = 0; from < all.size(); from += CHUNK) {
            storeChunk(dao, workspaceId, all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .forEach((customerId, chunk) -> stored.merge(customerId, chunk, Stored::plus));
        }
        return stored;
    }

    /** A subject and its customer. */
    private record Owned(String customerId, Decided subject) {
        String key() {
            return subject.cluster().key();
        }
    }

    /** One customer's counts over stored subjects before and after, and whether what they see changed. */
    private record Tally(StoredCounts before, StoredCounts after, boolean changed) {
        static final Tally NOTHING = new Tally(StoredCounts.ZERO, StoredCounts.ZERO, false);

        Tally plus(StoredCounts old, StoredCounts now, boolean differs) {
            return new Tally(before.plus(old), after.plus(now), changed || differs);
        }
    }

    private static Map<String, Stored> storeChunk(DecidedDao dao, String workspaceId, List<Owned> subjects) {
        List<TicketDecided> tickets = subjects.stream().flatMap(s -> s.subject().tickets().stream()).toList();
        List<ConversationDecided> conversations = subjects.stream().map(s -> s.subject().conversation())
                .filter(Objects::nonNull).toList();
        Map<String, TicketDecided> ticketsBefore = tickets.isEmpty() ? Map.of()
                : byId(dao.ticketsDecided(workspaceId, ids(tickets, TicketDecided::ticketId)), TicketDecided::ticketId);
        Map<String, ConversationDecided> conversationsBefore = conversations.isEmpty() ? Map.of()
                : byId(dao.conversationsDecided(workspaceId, ids(conversations, ConversationDecided::conversationId)),
                ConversationDecided::conversationId);

        Map<String, Tally> tallies = new HashMap<>();
        List<TicketDecided> changedTickets = new ArrayList<>();
        List<ConversationDecided> changedConversations = new ArrayList<>();
        for (Owned owned : subjects) {
            Tally tally = tallies.getOrDefault(owned.customerId(), Tally.NOTHING);
            for (TicketDecided ticket : owned.subject().tickets()) {
                TicketDecided old = ticketsBefore.getOrDefault(ticket.ticketId(), TicketDecided.none(ticket.ticketId()));
                if (!old.equals(ticket)) {
                    changedTickets.add(ticket);
                }
                tally = tally.plus(StoredCounts.of(old), StoredCounts.of(ticket),
                        !old.withRecheckAt(null).equals(ticket.withRecheckAt(null)));
            }
            ConversationDecided conversation = owned.subject().conversation();
            if (conversation != null) {
                ConversationDecided old = conversationsBefore.getOrDefault(conversation.conversationId(),
                        ConversationDecided.none(conversation.conversationId()));
                if (!old.equals(conversation)) {
                    changedConversations.add(conversation);
                }
                tally = tally.plus(StoredCounts.of(old), StoredCounts.of(conversation),
                        !old.withRecheckAt(null).equals(conversation.withRecheckAt(null)));
            }
            tallies.put(owned.customerId(), tally);
        }
        if (!changedTickets.isEmpty()) {
            dao.updateTickets(workspaceId, changedTickets);
        }
        if (!changedConversations.isEmpty()) {
            dao.updateConversations(workspaceId, changedConversations);
        }
        Map<String, BadgeCounts> badges = storeBadges(dao, workspaceId, subjects);
        Map<String, Stored> stored = new HashMap<>();
        tallies.forEach((customerId, tally) -> {
            BadgeCounts customerBadges = badges.getOrDefault(customerId, BadgeCounts.ZERO);
            stored.put(customerId, new Stored(tally.after().minus(tally.before()), tally.after(), customerBadges,
                    tally.changed() || !customerBadges.isZero()));
        });
        return stored;
    }

    /**
     * Replaces the badge items of the subjects whose items changed; answers how many distinct items each
     * of a customer's space badges gained (or lost), counting the items other subjects lit too.
     */
    private static Map<String, BadgeCounts> storeBadges(DecidedDao dao, String workspaceId, List<Owned> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        Set<String> customers = new LinkedHashSet<>();
        subjects.forEach(owned -> customers.add(owned.customerId()));
        Map<SubjectOf, Set<BadgeItem>> stored = dao.badgeItems(workspaceId, customers,
                        subjects.stream().map(Owned::key).toList()).stream()
                .collect(Collectors.groupingBy(row -> new SubjectOf(row.customerId(), row.subject()),
                        Collectors.mapping(CustomerBadgeItem::item, Collectors.toSet())));
        List<CustomerBadgeItem> removed = new ArrayList<>();
        List<CustomerBadgeItem> added = new ArrayList<>();
        List<Owned> differing = new ArrayList<>();
        for (Owned owned : subjects) {
            Set<BadgeItem> before = stored.getOrDefault(new SubjectOf(owned.customerId(), owned.key()), Set.of());
            Set<BadgeItem> after = Set.copyOf(owned.subject().badges());
            if (!before.equals(after)) {
                differing.add(owned);
                before.stream().filter(item -> !after.contains(item))
                        .forEach(item -> removed.add(CustomerBadgeItem.of(owned.customerId(), item)));
                after.stream().filter(item -> !before.contains(item))
                        .forEach(item -> added.add(CustomerBadgeItem.of(owned.customerId(), item)));
            }
        }
        if (differing.isEmpty()) {
            return Map.of();
        }
        Set<String> itemIds = new HashSet<>();
        removed.forEach(item -> itemIds.add(item.itemId()));
        added.forEach(item -> itemIds.add(item.itemId()));
        Map<CustomerBadgeItem, Integer> holders = new HashMap<>();
        dao.badgeHolders(workspaceId, customers, itemIds).forEach(item -> holders.merge(item.anySubject(), 1,
                Integer::sum));
        Map<CustomerBadgeItem, Integer> holdersAfter = new HashMap<>(holders);
        removed.forEach(item -> holdersAfter.merge(item.anySubject(), -1, Integer::sum));
        added.forEach(item -> holdersAfter.merge(item.anySubject(), 1, Integer::sum));
        Map<String, BadgeCounts> deltas = new HashMap<>();
        for (Map.Entry<CustomerBadgeItem, Integer> entry : holdersAfter.entrySet()) {
            boolean litBefore = holders.getOrDefault(entry.getKey(), 0) > 0;
            boolean litAfter = entry.getValue() > 0;
            if (litBefore != litAfter) {
                deltas.merge(entry.getKey().customerId(), BadgeCounts.ZERO.plus(entry.getKey().space(),
                        litAfter ? 1 : -1), BadgeCounts::plus);
            }
        }
        dao.deleteBadges(workspaceId, differing.stream().map(Owned::customerId).collect(Collectors.toSet()),
                differing.stream().map(Owned::key).toList());
        List<CustomerBadgeItem> inserted = differing.stream().flatMap(owned -> owned.subject().badges().stream()
                .map(item -> CustomerBadgeItem.of(owned.customerId(), item))).toList();
        if (!inserted.isEmpty()) {
            dao.insertBadges(workspaceId, inserted);
        }
        return deltas;
    }

    /** A customer's subject, by its key. */
    private record SubjectOf(String customerId, String key) {
    }

    private static <T> List<String> ids(List<T> rows, Function<T, String> id) {
        return rows.stream().map(id).toList();
    }

    private static <T> Map<String, T> byId(List<T> rows, Function<T, String> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
