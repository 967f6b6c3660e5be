package dev.ticketspace.rules.decisions;

/** The conversation's entry in the Messages space carries this ticket's summary (S3). */
public record ConversationTicket(String conversationId, String ticketId) implements Decision {
    @Override
    public String subject() {
        return conversationId;
    }
}
