package dev.ticketspace.subjects;

import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subject of the read-time rules: a conversation with the tickets linked to it, or a ticket without a
 * conversation. Its key names it in {@code badge_items}. A subject left with no rows (a lone ticket since
 * linked to a conversation) decides nothing, which clears what it lit.
 */
public record Cluster(String key, ConversationRow conversation, List<TicketRow> tickets) {
    public Cluster {
        tickets = List.copyOf(tickets);
    }

    public static String keyOf(TicketRow ticket) {
        return ticket.conversationId() != null ? conversationKey(ticket.conversationId()) : "t:" + ticket.id();
    }

    public static String conversationKey(String conversationId) {
        return "c:" + conversationId;
    }

    /** The conversation the key names, or null when it names a lone ticket. */
    public static String conversationOf(String key) {
        return key.startsWith("c:") ? key.substring(2) : null;
    }

    /** The ticket the key names, or null when it names a conversation. */
    public static String ticketOf(String key) {
        return key.startsWith("t:") ? key.substring(2) : null;
    }

    /** The customer's rows, grouped into their subjects. */
    public static List<Cluster> all(Collection<TicketRow> tickets, Collection<ConversationRow> conversations) {
        Map<String, ConversationRow> byKey = new LinkedHashMap<>();
        conversations.forEach(conversation -> byKey.put(conversationKey(conversation.id()), conversation));
        Map<String, List<TicketRow>> ticketsByKey = new LinkedHashMap<>();
        byKey.keySet().forEach(key -> ticketsByKey.put(key, new ArrayList<>()));
        tickets.forEach(ticket -> ticketsByKey.computeIfAbsent(keyOf(ticket), key -> new ArrayList<>()).add(ticket));
        return ticketsByKey.entrySet().stream()
                .map(entry -> new Cluster(entry.getKey(), byKey.get(entry.getKey()), entry.getValue())).toList();
    }
}
