package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Events;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The admin port serves every metric in Prometheus' text format, under the names the operations guide
 * and the sample dashboard use; the API port does not. On an application of its own, given the JVM
 * metrics that the {@code server} command registers (the test support leaves them out), so that the
 * whole production set is seen to export.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrometheusEndpointTest {
    private static DropwizardAppExtension<TicketspaceConfiguration> app;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        app = Backend.H2.newApp(Backend.H2.freshDatabaseUrl());
        app.before();
        Bootstrap<TicketspaceConfiguration> server = new Bootstrap<>(app.getApplication());
        server.setMetricRegistry(app.getEnvironment().metrics());
        server.registerMetrics();
        server.getJmxReporter().stop();
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void theAdminPortServesEveryMetricInPrometheusTextFormat() throws Exception {
        new Api(app, "demo").apply(Events.conversationCreated(Api.id("conv"), Api.id("c"), 0));

        HttpResponse<String> response = get(app.getAdminPort());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(response.body()).contains(
                "# TYPE rules_count gauge",
                "# TYPE events_idempotency_pruned_total counter",
                "dev_ticketspace_events_EventsResource_post_count 1",
                "dev_ticketspace_events_EventsResource_post_overall_count 1",
                "io_dropwizard_jetty_MutableServletContextHandler_requests_count",
                "io_dropwizard_jetty_MutableServletContextHandler_5xx_responses_total",
                "io_dropwizard_db_ManagedPooledDataSource_database_active",
                "live_streams",
                "live_refreshes_waiting",
                "jvm_memory_heap_used");
    }

    @Test
    void theApiPortDoesNotServeThem() throws Exception {
        assertThat(get(app.getLocalPort()).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + PrometheusEndpoint.PATH))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
