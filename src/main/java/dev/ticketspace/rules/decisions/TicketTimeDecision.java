package dev.ticketspace.rules.decisions;

import dev.ticketspace.store.TicketTime;
import java.time.Instant;

/** A decision made when something happens that moves one of the ticket's stored times on to {@code at}. */
public interface TicketTimeDecision extends Decision {
    String ticketId();

    Instant at();

    /** Which of the ticket's times it moves on. */
    TicketTime time();
}
