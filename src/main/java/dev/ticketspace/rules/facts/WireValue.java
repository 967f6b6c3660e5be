package dev.ticketspace.rules.facts;

import java.util.Arrays;
import java.util.Locale;

/**
 * A value of a closed set that rules name as a constant ({@code Category.RESOLVED}) and the API spells in
 * lower case ({@code resolved}). A misspelt constant in a rule is a compile error, never a silent miss.
 */
public interface WireValue {
    String name();

    /** The value as the API spells it, e.g. {@code waiting_on_customer}. */
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value the API spells so; the API validates its input, so anything else is a bug here. */
    static <E extends Enum<E> & WireValue> E of(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " " + wire));
    }
}
