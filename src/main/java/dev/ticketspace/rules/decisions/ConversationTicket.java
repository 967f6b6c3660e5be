package dev.ticketspace.rules.decisions;

/**
 * The conversation's entry in the Messages space carries this ticket's summary (S3). Rules that attach
 * several tickets to one conversation: the smallest ticket id stands.
 */
public record ConversationTicket(String conversationId, String ticketId) implements OnePerSubject<ConversationTicket> {
    @Override
    public int compareTo(ConversationTicket other) {
        return other.ticketId.compareTo(ticketId);
    }

    @Override
    public String subject() {
        return conversationId;
    }
}
