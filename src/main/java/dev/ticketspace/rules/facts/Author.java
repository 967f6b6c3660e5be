package dev.ticketspace.rules.facts;

/** Who wrote a message. */
public enum Author implements WireValue {
    CUSTOMER, TEAMMATE;

    public static Author of(String wire) {
        return WireValue.of(Author.class, wire);
    }
}
