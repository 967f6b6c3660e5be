package dev.ticketspace.messenger;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.api.ValidId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * The position of an entry in a list ordered highest priority first, then latest first: by {@code first}
 * time, then {@code second} time (both descending, a missing time last), then id. Encoded, it is the
 * opaque page cursor.
 */
record SortKey(int priority, long first, long second, String id) implements Comparable<SortKey> {
    private static final Comparator<SortKey> ORDER = Comparator.comparingInt(SortKey::priority).reversed()
            .thenComparing(Comparator.comparingLong(SortKey::first).reversed())
            .thenComparing(Comparator.comparingLong(SortKey::second).reversed())
            .thenComparing(SortKey::id);

    static SortKey of(int priority, Instant first, Instant second, String id) {
        return new SortKey(priority, millis(first), millis(second), id);
    }

    @Override
    public int compareTo(SortKey other) {
        return ORDER.compare(this, other);
    }

    String encode() {
        String raw = priority + "|" + first + "|" + second + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static SortKey decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 4 && parts[3].matches(ValidId.PATTERN)) {
                return new SortKey(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                        parts[3]);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_cursor", "cursor is not one this API returned");
    }

    private static long millis(Instant time) {
        return time == null ? Long.MIN_VALUE : time.toEpochMilli();
    }
}
