package dev.ticketspace.integrations;

import dev.ticketspace.events.Event;
import java.util.List;

/**
 * What one vendor delivery means in Ticketspace events, in the order they apply; or, when the mapping
 * does not use the delivery, no events and the reason, which the vendor is told.
 */
public record Mapping(List<Event> events, String ignoredBecause) {
    public static Mapping of(List<Event> events) {
        return new Mapping(List.copyOf(events), null);
    }

    public static Mapping ignored(String reason) {
        return new Mapping(List.of(), reason);
    }
}
