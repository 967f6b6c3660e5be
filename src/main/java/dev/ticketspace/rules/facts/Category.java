package dev.ticketspace.rules.facts;

/** A ticket state's category; every category but {@code RESOLVED} is active. */
public enum Category implements WireValue {
    SUBMITTED, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED;

    public static Category of(String wire) {
        return WireValue.of(Category.class, wire);
    }
}
