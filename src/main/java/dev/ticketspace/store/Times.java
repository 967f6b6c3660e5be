package dev.ticketspace.store;

import java.time.Instant;

/** Helpers for the optional times of facts. */
public final class Times {
    private Times() {
    }

    /** The later of two times, either of which may be null. */
    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }

    /** The earlier of the two moments; a missing one is no moment at all. */
    public static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
