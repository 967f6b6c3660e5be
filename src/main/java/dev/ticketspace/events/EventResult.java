package dev.ticketspace.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** What became of one event: {@code applied}, {@code duplicate} or {@code rejected} with a code and message. */
public record EventResult(
        String id,
        @Schema(allowableValues = {"applied", "duplicate", "rejected"}) String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
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
