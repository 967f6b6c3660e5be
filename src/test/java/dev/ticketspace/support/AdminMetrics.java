package dev.ticketspace.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code GET /metrics} on an application's admin port. */
public final class AdminMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final DropwizardAppExtension<?> app;

    public AdminMetrics(HttpClient http, DropwizardAppExtension<?> app) {
        this.http = http;
        this.app = app;
    }

    public JsonNode gauges() {
        return metrics().path("gauges");
    }

    /** A gauge's value, failing the test if the server has no such gauge. */
    public long gauge(String name) {
        JsonNode value = gauges().path(name).path("value");
        assertThat(value.isNumber()).as("gauge %s on /metrics", name).isTrue();
        return value.asLong();
    }

    /** A counter's count, failing the test if the server has no such counter. */
    public long counter(String name) {
        JsonNode count = metrics().path("counters").path(name).path("count");
        assertThat(count.isNumber()).as("counter %s on /metrics", name).isTrue();
        return count.asLong();
    }

    private JsonNode metrics() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot read /metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The {@code live.streams} gauge: streams the server holds open. */
    public int openStreams() {
        return (int) gauge("live.streams");
    }

    /**
     * Waits until the server has let go of every stream (it notices a client that left when a heartbeat
     * to it fails), so that stopping the application does not wait for them.
     */
    public void awaitNoOpenStreams(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int open;
        while ((open = openStreams()) != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server still holds " + open + " streams after " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
