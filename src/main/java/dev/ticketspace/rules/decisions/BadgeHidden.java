package dev.ticketspace.rules.decisions;

/** The space shows no badge at all (B4). */
public record BadgeHidden(Space space) implements Decision {
    @Override
    public String subject() {
        return space.wire();
    }
}
