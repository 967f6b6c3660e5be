package dev.ticketspace.rules.decisions;

import dev.ticketspace.rules.facts.WireValue;

/**
 * What a ticket's entry offers. When rules offer several with the same priority, the one declared first
 * here wins (L2: view, then send, then continue).
 */
public enum Action implements WireValue {
    VIEW_CONVERSATION, SEND_MESSAGE, CONTINUE_CONVERSATION
}
