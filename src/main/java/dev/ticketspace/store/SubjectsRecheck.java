package dev.ticketspace.store;

import java.time.Instant;

/** When a time-based rule next decides otherwise about one of a customer's subjects, by table (or null). */
public record SubjectsRecheck(Instant ticketsAt, Instant conversationsAt) {
    public Instant earliest() {
        return Times.earlier(ticketsAt, conversationsAt);
    }
}
