package dev.ticketspace.events.handlers;

import dev.ticketspace.events.MessageAdded;

/** {@code conversation.message_added}: one message more, and its time. */
final class MessageAddedHandler implements EventHandler<MessageAdded> {
    @Override
    public Class<MessageAdded> type() {
        return MessageAdded.class;
    }

    @Override
    public void record(MessageAdded event, Subjects subjects) {
        subjects.changeConversation(conversation -> conversation.withMessage("teammate".equals(event.author()),
                event.occurredAt()));
    }
}
