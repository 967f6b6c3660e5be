package dev.ticketspace.rules.facts;

/** The customer whose state is being decided. */
public record Customer(String workspaceId, String id) {
}
