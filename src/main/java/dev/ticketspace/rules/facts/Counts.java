package dev.ticketspace.rules.facts;

/**
 * Counts over all of the customer's tickets and conversations, kept as the rules decide about each of
 * them: what customer-level rules ask instead of looking at every ticket.
 *
 * @param sharedTickets       tickets shared with the customer, active or resolved
 * @param listedTickets       tickets in the Tickets space list
 * @param cardCandidates      tickets that may be on the Recent tickets card
 * @param unreadTickets       tickets the rules mark unread
 * @param unreadConversations conversations the rules mark unread
 */
public record Counts(int sharedTickets, int listedTickets, int cardCandidates, int unreadTickets,
                     int unreadConversations) {
}
