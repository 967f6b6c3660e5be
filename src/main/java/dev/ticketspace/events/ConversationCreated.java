package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code conversation.created}: a new, open conversation with no messages. */
@JsonTypeName("conversation.created")
public record ConversationCreated(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String conversationId,
        @NotNull @ValidId String customerId) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.ConversationCreated happening() {
        return new dev.ticketspace.rules.happenings.ConversationCreated(id, occurredAt, conversationId);
    }
}
