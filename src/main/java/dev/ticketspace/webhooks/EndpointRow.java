package dev.ticketspace.webhooks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A stored webhook endpoint; {@code events} is comma separated. */
public record EndpointRow(String id, String url, String events, String secret, Instant createdAt, Instant updatedAt) {
    public List<String> eventList() {
        return Arrays.asList(events.split(","));
    }

    public boolean wants(String eventType) {
        return eventList().contains(eventType);
    }
}
