package dev.ticketspace.rules.decisions;

import dev.ticketspace.rules.facts.WireValue;

/** A Messenger space, in the order the messenger shows them. */
public enum Space implements WireValue {
    HOME, MESSAGES, TICKETS
}
