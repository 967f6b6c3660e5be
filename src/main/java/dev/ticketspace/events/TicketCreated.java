package dev.ticketspace.events;

import dev.ticketspace.rules.facts.Category;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.UnicodeText;
import dev.ticketspace.api.ValidId;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code ticket.created}: a new ticket; shared with its customer unless {@code sharedWithCustomer} is false. */
@JsonTypeName("ticket.created")
public record TicketCreated(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String ticketId,
        @NotNull @ValidId String customerId,
        @NotNull @Size(min = 1, max = 255) @UnicodeText String title,
        @NotNull @Valid TicketState state,
        @Nullable Boolean sharedWithCustomer,
        @Nullable @ValidId String conversationId) implements Event {

    public TicketCreated {
        if (sharedWithCustomer == null) {
            sharedWithCustomer = true;
        }
    }

    @Override
    public dev.ticketspace.rules.happenings.TicketCreated happening() {
        return new dev.ticketspace.rules.happenings.TicketCreated(id, occurredAt, ticketId, title,
                Category.of(state.category()), state.label(), sharedWithCustomer, conversationId);
    }
}
