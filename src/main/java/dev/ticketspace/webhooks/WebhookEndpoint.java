package dev.ticketspace.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** An endpoint as the API shows it; {@code secret} only in the answer that made it. */
public record WebhookEndpoint(String id, String url, List<String> events, Instant createdAt, Instant updatedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
    static WebhookEndpoint of(EndpointRow row, String shownSecret) {
        return new WebhookEndpoint(row.id(), row.url(), row.eventList(), row.createdAt(), row.updatedAt(), shownSecret);
    }
}
