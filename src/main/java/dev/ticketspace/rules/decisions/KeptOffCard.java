package dev.ticketspace.rules.decisions;

/** The ticket must not be on the Recent tickets card, whatever else applies (C2). */
public record KeptOffCard(String ticketId) implements Decision {
    @Override
    public String subject() {
        return ticketId;
    }
}
