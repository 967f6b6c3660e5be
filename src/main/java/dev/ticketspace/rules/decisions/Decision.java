package dev.ticketspace.rules.decisions;

import java.util.regex.Pattern;

/**
 * What a rule concludes. Rules insert decisions ({@code insertLogical(new SpaceVisible("tickets"))});
 * Java code only applies them: persists, counts, sorts and caps.
 */
public interface Decision {
    Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    /** What the decision is about: a space, a ticket or a conversation id. */
    String subject();

    /** The decision's name in {@code explain}, e.g. {@code space_visible}. */
    default String name() {
        return CAMEL_HUMP.matcher(getClass().getSimpleName()).replaceAll("_").toLowerCase();
    }
}
