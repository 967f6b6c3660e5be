package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code ticket.read}: the customer read the ticket at {@code occurredAt}. */
@JsonTypeName("ticket.read")
public record TicketRead(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String ticketId) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.TicketRead happening() {
        return new dev.ticketspace.rules.happenings.TicketRead(id, occurredAt, ticketId);
    }
}
