package dev.ticketspace.integrations;

/** Whether a workspace has a ticket of that id, for mappings whose events depend on it. */
@FunctionalInterface
public interface TicketLookup {
    boolean exists(String workspaceId, String ticketId);
}
