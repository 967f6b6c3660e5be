package dev.ticketspace.subjects;

import dev.ticketspace.store.BadgeItem;
import dev.ticketspace.store.ConversationDecided;
import dev.ticketspace.store.DecidedDao;
import dev.ticketspace.store.StoredCounts;
import dev.ticketspace.store.TicketDecided;
import java.util.ArrayList;
import java.util.Collection;
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

    /** What storing changed: the counts' difference, and whether anything the customer sees changed. */
    public record Stored(StoredCounts delta, StoredCounts total, boolean changed) {
    }

    /** Subjects stored per round of statements: each round binds a few ids per subject. */
    private static final int CHUNK = 500;

    public static Stored store(DecidedDao dao, String workspaceId, String customerId, List<Decided> subjects) {
        Stored stored = new Stored(StoredCounts.ZERO, StoredCounts.ZERO, false);
        for (int from = 0; from < subjects.size(); from += CHUNK) {
            Stored chunk = storeChunk(dao, workspaceId, customerId,
                    subjects.subList(from, Math.min(subjects.size(), from + CHUNK)));
            stored = new Stored(stored.delta().plus(chunk.delta()), stored.total().plus(chunk.total()),
                    stored.changed() || chunk.changed());
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
        changed |= storeBadges(dao, workspaceId, customerId, subjects);
        StoredCounts delta = after.minus(before);
        return new Stored(delta, after, changed);
    }

    private static boolean storeBadges(DecidedDao dao, String workspaceId, String customerId,
                                       Collection<Decided> subjects) {
        List<String> keys = subjects.stream().map(s -> s.cluster().key()).toList();
        if (keys.isEmpty()) {
            return false;
        }
        Set<BadgeItem> stored = new HashSet<>(dao.badgeItems(workspaceId, customerId, keys));
        Set<BadgeItem> decided = subjects.stream().flatMap(s -> s.badges().stream()).collect(Collectors.toSet());
        if (stored.equals(decided)) {
            return false;
        }
        List<String> differing = subjects.stream()
                .filter(s -> !Set.copyOf(s.badges()).equals(stored.stream()
                        .filter(item -> item.subject().equals(s.cluster().key())).collect(Collectors.toSet())))
                .map(s -> s.cluster().key()).toList();
        dao.deleteBadges(workspaceId, customerId, differing);
        List<BadgeItem> inserted = subjects.stream().filter(s -> differing.contains(s.cluster().key()))
                .flatMap(s -> s.badges().stream()).toList();
        if (!inserted.isEmpty()) {
            dao.insertBadges(workspaceId, customerId, inserted);
        }
        return true;
    }

    private static <T> List<String> ids(List<T> rows, Function<T, String> id) {
        return rows.stream().map(id).toList();
    }

    private static <T> Map<String, T> byId(List<T> rows, Function<T, String> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
