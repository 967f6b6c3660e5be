package dev.ticketspace.rules.decisions;

/** Messenger Home shows this card with at most {@code limit} entries (S2). */
public record HomeCard(String type, int limit) implements Decision {
    @Override
    public String subject() {
        return type;
    }
}
