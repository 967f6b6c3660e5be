package dev.ticketspace.scenarios;

/** A scenario file that cannot be read; the message starts with {@code file:line:}. */
public final class ScenarioFormatException extends RuntimeException {
    public ScenarioFormatException(String message) {
        super(message);
    }
}
