package dev.ticketspace.store;

/** A row of the change log: the customer's state changed (customer {@code *}: every customer of the workspace). */
public record StateChange(long seq, String workspaceId, String customerId) {
    public static final String EVERY_CUSTOMER = "*";

    /** A change just committed through this replica; it has no log position to pass on. */
    public static StateChange committed(String workspaceId, String customerId) {
        return new StateChange(0, workspaceId, customerId);
    }
}
