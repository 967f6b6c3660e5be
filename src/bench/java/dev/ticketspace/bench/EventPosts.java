package dev.ticketspace.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Posts events to the demo workspace as a well-behaved client does: a 503 (overloaded) is sent again after its Retry-After. */
final class EventPosts {
    private static final int MAX_RETRIES = 30;

    private final HttpClient http;
    private final String base;
    private final String apiKey;

    EventPosts(HttpClient http, String base, String apiKey) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
    }

    static String event(String type, String fields) {
        return "{\"type\": \"" + type + "\", \"id\": \"e-" + UUID.randomUUID() + "\", \"occurredAt\": \""
                + Instant.now() + "\", " + fields + "}";
    }

    void post(String event) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/demo/events"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + event + "]}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int retries = 0; response.statusCode() == 503 && retries < MAX_RETRIES; retries++) {
            Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")))
                    .toMillis());
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200 || !response.body().contains("\"applied\"")) {
            throw new IllegalStateException("event not applied: " + response.statusCode() + " " + response.body());
        }
    }
}
