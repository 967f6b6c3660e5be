package dev.ticketspace.events;

import dev.ticketspace.rules.facts.ConversationState;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** {@code conversation.state_changed}: the conversation is now open, snoozed or closed. */
@JsonTypeName("conversation.state_changed")
public record ConversationStateChanged(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String conversationId,
        @NotNull @Pattern(regexp = "open|snoozed|closed", message = "must be open, snoozed or closed") String state) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.ConversationStateChanged happening() {
        return new dev.ticketspace.rules.happenings.ConversationStateChanged(id, occurredAt,
                conversationId, ConversationState.of(state));
    }
}
