package dev.ticketspace.rules.decisions;

/** What the ticket's entry offers: {@code view_conversation}, {@code send_message} or {@code continue_conversation} (L2). */
public record TicketAction(String ticketId, String action) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
