package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code ticket.sharing_changed}: the ticket is now shared with its customer, or no longer. */
@JsonTypeName("ticket.sharing_changed")
public record TicketSharingChanged(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String ticketId,
        @NotNull Boolean sharedWithCustomer) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.TicketSharingChanged happening() {
        return new dev.ticketspace.rules.happenings.TicketSharingChanged(id, occurredAt, ticketId,
                sharedWithCustomer);
    }
}
