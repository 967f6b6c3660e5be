package dev.ticketspace.events;

import dev.ticketspace.rules.happenings.Happening;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * An event from the help desk, exactly as posted to {@code POST /api/v1/workspaces/{ws}/events}.
 * Rules see the event being applied as its {@link #happening()}, e.g. a {@code TicketStateChanged} of
 * {@code dev.ticketspace.rules.happenings}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(TicketCreated.class),
    @JsonSubTypes.Type(TicketStateChanged.class),
    @JsonSubTypes.Type(TicketLinked.class),
    @JsonSubTypes.Type(TicketSharingChanged.class),
    @JsonSubTypes.Type(TicketRead.class),
    @JsonSubTypes.Type(ConversationCreated.class),
    @JsonSubTypes.Type(MessageAdded.class),
    @JsonSubTypes.Type(ConversationStateChanged.class),
    @JsonSubTypes.Type(ConversationRead.class),
})
public sealed interface Event
        permits TicketCreated, TicketStateChanged, TicketLinked, TicketSharingChanged, TicketRead,
                ConversationCreated, MessageAdded, ConversationStateChanged, ConversationRead {

    String id();

    Instant occurredAt();

    /** The ticket this event is about, or null. */
    default String ticketId() {
        return null;
    }

    /** The conversation this event is about, or null. */
    default String conversationId() {
        return null;
    }

    /** The customer the event names itself (creation events), or null. */
    default String customerId() {
        return null;
    }

    /** What the rules see of the event while they decide what it means. */
    Happening happening();

    /** The type name on the wire, e.g. {@code ticket.created}. */
    default String type() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }
}
