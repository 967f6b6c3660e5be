package dev.ticketspace.rules.decisions;

/**
 * What the ticket's entry offers (L2). Rules that offer several actions for one ticket: the highest
 * {@code priority} wins, then the action {@link Action} declares first.
 */
public record TicketAction(String ticketId, Action action, int priority) implements OnePerSubject<TicketAction> {
    public TicketAction(String ticketId, Action action) {
        this(ticketId, action, 0);
    }

    @Override
    public int compareTo(TicketAction other) {
        return priority != other.priority ? Integer.compare(priority, other.priority)
                : other.action.compareTo(action);
    }

    @Override
    public String subject() {
        return ticketId;
    }
}
