package dev.ticketspace.rules.happenings;

import java.time.Instant;

/** The ticket is being shared with its customer, or no longer. */
public record TicketSharingChanged(String eventId, Instant occurredAt, String ticketId, boolean sharedWithCustomer)
        implements Happening {
}
