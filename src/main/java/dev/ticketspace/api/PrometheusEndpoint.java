package dev.ticketspace.api;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;

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
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).customLabelMapper(new DistinctNames())
                .register(registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }

    /**
     * Dropwizard's Jersey metrics time each {@code @Timed} method twice, as {@code <method>} and, filters
     * included, as {@code <method>.total}. Prometheus reads a {@code _total} suffix as a counter's and
     * strips it, so both would get one name and every scrape fail (prometheus/client_java#1321); the
     * second is exported as {@code <method>_overall}.
     */
    private static final class DistinctNames extends CustomLabelMapper {
        private static final String TOTAL = ".total";

        DistinctNames() {
            // The mapper insists on a configuration; this one only matches the name it keeps.
            super(List.of(new MapperConfig("*" + TOTAL, "${0}" + TOTAL, Map.of())));
        }

        @Override
        public String getName(String dropwizardName) {
            return dropwizardName.endsWith(TOTAL)
                    ? dropwizardName.substring(0, dropwizardName.length() - TOTAL.length()) + ".overall"
                    : dropwizardName;
        }
    }
}
