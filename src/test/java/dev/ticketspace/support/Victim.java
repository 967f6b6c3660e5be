package dev.ticketspace.support;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.ticketCreated;

import java.util.List;

/**
 * A customer whose data other callers must never reach: a shared ticket, unread, in a conversation with
 * an unread teammate message.
 */
public record Victim(String customer, String ticket, String conversation) {
    public static Victim of(Api api) {
        Victim victim = new Victim(Api.id("c"), Api.id("t"), Api.id("conv"));
        api.apply(conversationCreated(victim.conversation, victim.customer, 1),
                ticketCreated(victim.ticket, victim.customer, victim.conversation, 2),
                message(victim.conversation, "teammate", 3));
        return victim;
    }

    /** Every id of the victim's, none of which may show up in an answer to someone else. */
    public List<String> ids() {
        return List.of(customer, ticket, conversation);
    }
}
