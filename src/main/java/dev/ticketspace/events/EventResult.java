package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of one event: {@code applied}, {@code duplicate} or {@code rejected} with a code and message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(String id, String status, String code, String message) {
    public static EventResult applied(String id) {
        return new EventResult(id, "applied", null, null);
    }

    public static EventResult duplicate(String id) {
        return new EventResult(id, "duplicate", null, null);
    }

    public static EventResult rejected(String id, String code, String message) {
        return new EventResult(id, "rejected", code, message);
    }
}
