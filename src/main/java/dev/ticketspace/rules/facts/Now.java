package dev.ticketspace.rules.facts;

import java.time.Duration;
import java.time.Instant;

/**
 * The time the rules decide at: the service's clock, or the time a scenario step sets. Rules that depend
 * on time ask how long ago something was ({@code Now(daysSince($ticket.stateChangedAt) >= 30)}); each
 * answer is noted with the moment it next changes, so the service knows when the customer's state must
 * be decided again without any new event.
 */
public final class Now {
    private final Instant at;
    private Instant nextChange;

    public Now(Instant at) {
        this.at = at;
    }

    public Instant at() {
        return at;
    }

    /** Whole days since {@code since}, or -1 when {@code since} is missing or still to come. */
    public long daysSince(Instant since) {
        return since(since, Duration.ofDays(1));
    }

    /** Whole hours since {@code since}, or -1 when {@code since} is missing or still to come. */
    public long hoursSince(Instant since) {
        return since(since, Duration.ofHours(1));
    }

    /** Whole minutes since {@code since}, or -1 when {@code since} is missing or still to come. */
    public long minutesSince(Instant since) {
        return since(since, Duration.ofMinutes(1));
    }

    /** Whole seconds since {@code since}, or -1 when {@code since} is missing or still to come. */
    public long secondsSince(Instant since) {
        return since(since, Duration.ofSeconds(1));
    }

    /** The earliest moment at which an answer given so far would change, or null if none would. */
    public synchronized Instant nextChange() {
        return nextChange;
    }

    private long since(Instant since, Duration unit) {
        if (since == null) {
            return -1;
        }
        if (since.isAfter(at)) {
            noteChangeAt(since);
            return -1;
        }
        long whole = Duration.between(since, at).dividedBy(unit);
        noteChangeAt(since.plus(unit.multipliedBy(whole + 1)));
        return whole;
    }

    private synchronized void noteChangeAt(Instant moment) {
        if (nextChange == null || moment.isBefore(nextChange)) {
            nextChange = moment;
        }
    }

    @Override
    public String toString() {
        return "Now(" + at + ")";
    }
}
