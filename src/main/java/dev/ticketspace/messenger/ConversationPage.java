package dev.ticketspace.messenger;

import jakarta.annotation.Nullable;
import java.util.List;

/** A page of the Messages space list; {@code nextCursor} is null on the last page. */
public record ConversationPage(List<ConversationSummary> conversations, @Nullable String nextCursor) {
}
