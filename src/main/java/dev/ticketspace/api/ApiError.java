package dev.ticketspace.api;

/** The body of every error response: a snake_case code for programs and a message for people. */
public record ApiError(String code, String message) {
}
