package dev.ticketspace.messenger;

import java.util.List;

/** A page of the Tickets space list; {@code nextCursor} is null on the last page. */
public record TicketPage(List<TicketSummary> tickets, String nextCursor) {
}
