package dev.ticketspace.rules.decisions;

/** The conversation has a teammate message the customer has not read (B2). */
public record ConversationUnread(String conversationId) implements Decision {
    @Override
    public String subject() {
        return conversationId;
    }
}
