package dev.ticketspace.events;

/** An event that cannot be applied; it rolls back its transaction and is answered {@code rejected}. */
final class Rejection extends RuntimeException {
    private final String code;

    Rejection(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
