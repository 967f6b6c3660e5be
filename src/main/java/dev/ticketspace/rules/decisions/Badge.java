package dev.ticketspace.rules.decisions;

/** The item (a ticket or conversation id) counts towards the badge of the space (B1, B2). */
public record Badge(Space space, String itemId) implements Decision {
    @Override
    public String subject() {
        return space.wire() + "/" + itemId;
    }
}
