package dev.ticketspace.events.handlers;

import dev.ticketspace.events.ConversationStateChanged;
import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.TicketRow;

/** {@code conversation.state_changed}: the conversation's new state, unless a later one is stored. */
final class ConversationStateChangedHandler implements EventHandler<ConversationStateChanged> {
    @Override
    public Class<ConversationStateChanged> type() {
        return ConversationStateChanged.class;
    }

    @Override
    public boolean isStale(ConversationStateChanged event, TicketRow ticket, ConversationRow conversation) {
        return event.occurredAt().isBefore(conversation.stateChangedAt());
    }

    @Override
    public void record(ConversationStateChanged event, Subjects subjects) {
        subjects.changeConversation(conversation -> conversation.withState(event.state(), event.occurredAt()));
    }
}
