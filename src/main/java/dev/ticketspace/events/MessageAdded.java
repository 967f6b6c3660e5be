package dev.ticketspace.events;

import dev.ticketspace.rules.facts.Author;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ticketspace.api.StorableTime;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** {@code conversation.message_added}: a message from the customer or from a teammate. */
@JsonTypeName("conversation.message_added")
public record MessageAdded(
        @NotNull @ValidId String id,
        @NotNull @StorableTime Instant occurredAt,
        @NotNull @ValidId String conversationId,
        @NotNull @ValidId String messageId,
        @NotNull @Pattern(regexp = "customer|teammate", message = "must be customer or teammate") String author) implements Event {
    @Override
    public dev.ticketspace.rules.happenings.MessageAdded happening() {
        return new dev.ticketspace.rules.happenings.MessageAdded(id, occurredAt, conversationId, messageId,
                Author.of(author));
    }
}
