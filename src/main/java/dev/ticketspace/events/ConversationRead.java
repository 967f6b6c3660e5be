package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code conversation.read}: the customer read the conversation at {@code occurredAt}. */
@JsonTypeName("conversation.read")
public record ConversationRead(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String conversationId) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.ConversationRead happening() {
        return new dev.ticketspace.rules.happenings.ConversationRead(id, occurredAt, conversationId);
    }
}
