package dev.ticketspace.messenger;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.api.ValidId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** The opaque page cursor: the list key of the last entry of the page before. */
final class Cursor {
    /** A list key: priority and two times in hex, then the entry's id. */
    private static final Pattern LIST_KEY = Pattern.compile("[0-9a-f]{40}" + ValidId.PATTERN);

    private Cursor() {
    }

    static String encode(String listKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(listKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The list key to page on after; the empty string, before every key, for the first page. */
    static String decode(String cursor) {
        if (cursor == null) {
            return "";
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (LIST_KEY.matcher(key).matches()) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_cursor", "cursor is not one this API returned");
    }
}
