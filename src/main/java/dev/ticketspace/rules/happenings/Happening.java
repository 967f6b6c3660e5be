package dev.ticketspace.rules.happenings;

import java.time.Instant;

/**
 * Something that happened, as the rules see it when it happens: an event from the help desk, or a
 * customer's read. It is a fact only while the rules decide what it means; the rules then see its effect
 * in the stored facts.
 */
public sealed interface Happening permits TicketCreated, TicketStateChanged, TicketLinked, TicketSharingChanged,
        TicketRead, ConversationCreated, MessageAdded, ConversationStateChanged, ConversationRead {

    /** The id of the event it came from. */
    String eventId();

    Instant occurredAt();
}
