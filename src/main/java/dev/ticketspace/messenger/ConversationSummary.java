package dev.ticketspace.messenger;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.Instant;

/** A conversation in the Messages space, with its linked ticket's summary when it has one (S3). */
public record ConversationSummary(String id,
                                  @Schema(allowableValues = {"open", "snoozed", "closed"}) String state,
                                  boolean unread,
                                  @Nullable Instant lastMessageAt,
                                  @Nullable TicketSummary ticket) {
}
