package dev.ticketspace.subjects;

import dev.ticketspace.rules.Decisions;
import dev.ticketspace.store.BadgeItem;
import dev.ticketspace.store.ConversationDecided;
import dev.ticketspace.store.TicketDecided;
import java.util.List;

/**
 * What the subject scope decided about one subject, as it is stored, and the decisions it came from.
 *
 * @param conversation null when the subject is a lone ticket
 */
public record Decided(Cluster cluster, List<TicketDecided> tickets, ConversationDecided conversation,
                      List<BadgeItem> badges, Decisions decisions) {
}
