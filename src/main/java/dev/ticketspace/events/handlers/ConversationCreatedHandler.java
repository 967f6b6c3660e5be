package dev.ticketspace.events.handlers;

import dev.ticketspace.events.ConversationCreated;
import dev.ticketspace.store.ConversationRow;

/** {@code conversation.created}: a new, open conversation row. */
final class ConversationCreatedHandler implements EventHandler<ConversationCreated> {
    @Override
    public Class<ConversationCreated> type() {
        return ConversationCreated.class;
    }

    @Override
    public Creates creates() {
        return Creates.CONVERSATION;
    }

    @Override
    public void record(ConversationCreated event, Subjects subjects) {
        subjects.changeConversation(none -> ConversationRow.created(event.conversationId(), subjects.customerId(),
                event.occurredAt()));
    }
}
