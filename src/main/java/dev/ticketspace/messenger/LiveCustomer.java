package dev.ticketspace.messenger;

/** A customer with live streams on this replica. */
record LiveCustomer(String workspaceId, String customerId) {
}
