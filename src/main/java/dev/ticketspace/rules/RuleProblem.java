package dev.ticketspace.rules;

/** A compile error or warning in a DRL file, printed as {@code rules/badges.drl:12:8: message}. */
public record RuleProblem(String file, int line, int column, String message, boolean warning) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (warning ? "warning: " : "") + message;
    }
}
