package dev.ticketspace.rules.decisions;

/** The space is switched on for the workspace (S1). */
public record SpaceEnabled(Space space) implements Decision {
    @Override
    public String subject() {
        return space.wire();
    }
}
