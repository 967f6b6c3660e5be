package dev.ticketspace.messenger;

import dev.ticketspace.events.TicketState;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.Instant;

/** A ticket as the messenger shows it, in the Tickets space, on the card, or with its conversation. */
public record TicketSummary(
        String id,
        String title,
        TicketState state,
        @Nullable Instant lastActivityAt,
        boolean unread,
        @Nullable String conversationId,
        @Nullable @Schema(allowableValues = {"view_conversation", "send_message", "continue_conversation"})
        String action) {
}
