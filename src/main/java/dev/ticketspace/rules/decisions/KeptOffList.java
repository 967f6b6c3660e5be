package dev.ticketspace.rules.decisions;

/** The ticket must not be in the Tickets space list, whatever else applies. */
public record KeptOffList(String ticketId) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
