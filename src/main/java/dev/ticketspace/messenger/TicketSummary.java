package dev.ticketspace.messenger;

import dev.ticketspace.events.TicketState;
import java.time.Instant;

/** A ticket as the messenger shows it, in the Tickets space, on the card, or with its conversation. */
public record TicketSummary(
        String id,
        String title,
        TicketState state,
        Instant lastActivityAt,
        boolean unread,
        String conversationId,
        String action) {
}
