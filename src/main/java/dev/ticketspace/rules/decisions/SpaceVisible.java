package dev.ticketspace.rules.decisions;

/** The space is shown to the customer (V1). */
public record SpaceVisible(Space space) implements Decision {
    @Override
    public String subject() {
        return space.wire();
    }
}
