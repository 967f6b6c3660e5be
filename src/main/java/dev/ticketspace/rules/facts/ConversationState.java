package dev.ticketspace.rules.facts;

/** Where a conversation stands. */
public enum ConversationState implements WireValue {
    OPEN, SNOOZED, CLOSED;

    public static ConversationState of(String wire) {
        return WireValue.of(ConversationState.class, wire);
    }
}
