package dev.ticketspace.events;

import dev.ticketspace.rules.facts.Category;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import java.time.Instant;

/** {@code ticket.state_changed}: the ticket moved to another state. */
@JsonTypeName("ticket.state_changed")
public record TicketStateChanged(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String ticketId,
        @NotNull @Valid TicketState state) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.TicketStateChanged happening() {
        return new dev.ticketspace.rules.happenings.TicketStateChanged(id, occurredAt, ticketId,
                Category.of(state.category()), state.label());
    }
}
