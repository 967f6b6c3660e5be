package dev.ticketspace.store;

/** How many distinct items light the space's badge. */
public record BadgeCount(String space, int items) {
}
