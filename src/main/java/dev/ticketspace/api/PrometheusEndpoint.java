package dev.ticketspace.api;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /metrics/prometheus} on the admin port: every Dropwizard metric of the application in
 * Prometheus' text format, translated by Prometheus' own Dropwizard bridge when scraped.
 */
public final class PrometheusEndpoint {
    public static final String PATH = "/metrics/prometheus";

    private PrometheusEndpoint() {
    }

    public static void register(Environment environment) {
        // A registry of its own rather than Prometheus' global default: each application (tests start
        // several in one JVM) exposes its own metrics only.
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }
}
