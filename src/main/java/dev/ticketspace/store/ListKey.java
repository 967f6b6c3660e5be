package dev.ticketspace.store;

import java.time.Instant;
import java.util.HexFormat;

/**
 * A list position as a string whose byte order is the list's order: highest priority first, then latest
 * first by {@code first} time, then by {@code second} time (a missing time last), then by id. Stored in an
 * indexed column with a binary collation, a list pages by keyset in SQL ({@code key > :after}).
 */
public final class ListKey {
    private static final HexFormat HEX = HexFormat.of();

    private ListKey() {
    }

    public static String of(int priority, Instant first, Instant second, String id) {
        return HEX.toHexDigits(~(priority ^ Integer.MIN_VALUE)) + descending(first) + descending(second) + id;
    }

    private static String descending(Instant time) {
        long millis = time == null ? Long.MIN_VALUE : time.toEpochMilli();
        return HEX.toHexDigits(~(millis ^ Long.MIN_VALUE));
    }
}
