package dev.ticketspace.rules;

/** One line of {@code explain}: which rule made which decision about what. */
public record Explanation(String decision, String subject, String rule) {
}
