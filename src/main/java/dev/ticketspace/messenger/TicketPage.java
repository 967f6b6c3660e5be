package dev.ticketspace.messenger;

import jakarta.annotation.Nullable;
import java.util.List;

/** A page of the Tickets space list; {@code nextCursor} is null on the last page. */
public record TicketPage(List<TicketSummary> tickets, @Nullable String nextCursor) {
}
