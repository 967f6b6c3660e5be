package dev.ticketspace.api.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bean Validation matches a {@code @Pattern} against the whole value; JSON Schema's {@code pattern} matches
 * anywhere in it. A pattern from a constraint is anchored, and one that only lists words
 * ({@code open|snoozed|closed}) becomes an {@code enum} of them.
 */
final class Patterns {
    private static final Pattern WORDS = Pattern.compile("[a-z_]+(\\|[a-z_]+)*");

    private Patterns() {
    }

    /** Anchors the pattern of the schema, or of its items. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void anchor(Schema schema) {
        if (schema.getItems() != null) {
            anchor(schema.getItems());
        }
        String pattern = schema.getPattern();
        if (pattern == null || pattern.startsWith("^")) {
            return;
        }
        if (WORDS.matcher(pattern).matches()) {
            schema.setPattern(null);
            schema.setEnum((List) List.of(pattern.split("\\|")));
        } else {
            schema.setPattern(pattern.contains("|") ? "^(?:" + pattern + ")$" : "^" + pattern + "$");
        }
    }
}
