package dev.ticketspace.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /events}: 1 to 500 events, applied in order. */
public record EventBatch(@NotNull @Size(min = 1, max = EventBatch.MAX_EVENTS) List<@NotNull @Valid Event> events) {
    public static final int MAX_EVENTS = 500;
}
