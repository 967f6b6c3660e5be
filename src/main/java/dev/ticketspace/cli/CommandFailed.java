package dev.ticketspace.cli;

/** A command could not do what it was asked, for the reason in the message: printed alone, as one line. */
final class CommandFailed extends RuntimeException {
    CommandFailed(String message) {
        super(message, null, false, false);
    }
}
