package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code ticket.linked}: the ticket is now linked to this conversation. */
@JsonTypeName("ticket.linked")
public record TicketLinked(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String ticketId,
        @NotNull @ValidId String conversationId) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.TicketLinked happening() {
        return new dev.ticketspace.rules.happenings.TicketLinked(id, occurredAt, ticketId, conversationId);
    }
}
