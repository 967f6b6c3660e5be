package dev.ticketspace.rules.decisions;

/** The ticket has an update the customer has not read (B1). */
public record TicketUnread(String ticketId) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
