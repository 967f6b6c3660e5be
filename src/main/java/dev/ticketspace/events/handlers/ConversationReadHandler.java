package dev.ticketspace.events.handlers;

import dev.ticketspace.events.ConversationRead;

/** {@code conversation.read}: the customer has read the conversation up to the event's time. */
final class ConversationReadHandler implements EventHandler<ConversationRead> {
    @Override
    public Class<ConversationRead> type() {
        return ConversationRead.class;
    }

    @Override
    public void record(ConversationRead event, Subjects subjects) {
        subjects.changeConversation(conversation -> conversation.withReadAt(event.occurredAt()));
    }
}
