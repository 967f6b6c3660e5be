package dev.ticketspace.rules.decisions;

import java.time.Instant;

/** Orders the times that rank list entries: a missing time ranks below any time. */
final class Ranks {
    private Ranks() {
    }

    static int compare(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
