package dev.ticketspace.rules.decisions;

import dev.ticketspace.rules.facts.WireValue;

/** A card on Messenger Home. */
public enum CardType implements WireValue {
    RECENT_TICKETS
}
