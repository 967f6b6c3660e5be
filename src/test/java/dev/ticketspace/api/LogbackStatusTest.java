package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.ShippedConfig;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Starting as config.yml ships, in either log format, leaves no warning in logback's status messages:
 * neither the request log's, where logback-access checks its version against logback-core's (and which
 * would print them all among the log lines, were it not quiet), nor the application log's.
 */
class LogbackStatusTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void startingWarnsOfNothing(String logFormat) {
        long started = System.currentTimeMillis();
        AtomicReference<Server> server = new AtomicReference<>();
        DropwizardAppExtension<TicketspaceConfiguration> app = ShippedConfig.app(logFormat,
                temp.resolve("application.log"), temp.resolve("requests.log"));
        app.addListener(new DropwizardAppExtension.ServiceListener<>() {
            @Override
            public void onRun(TicketspaceConfiguration configuration, Environment environment,
                              DropwizardAppExtension<TicketspaceConfiguration> extension) {
                environment.lifecycle().addServerLifecycleListener(server::set);
            }
        });
        Apps.start(app);
        try {
            RequestLogImpl logbackAccess = (RequestLogImpl) server.get().getRequestLog();
            assertThat(logbackAccess.isQuiet()).as("the request log prints no status of its own among the log lines").isTrue();
            List<Status> requestLog = logbackAccess.getStatusManager().getCopyOfStatusList();
            assertThat(requestLog).extracting(Status::getMessage).as("the version check ran")
                    .anyMatch(message -> message.startsWith("Found logback-access-jetty12 version"));
            assertThat(requestLog).filteredOn(status -> status.getEffectiveLevel() >= Status.WARN)
                    .extracting(Status::getMessage).as("the request log's warnings").isEmpty();
            List<Status> applicationLog = ((LoggerContext) LoggerFactory.getILoggerFactory()).getStatusManager()
                    .getCopyOfStatusList();
            assertThat(applicationLog).filteredOn(status -> status.getTimestamp() >= started)
                    .filteredOn(status -> status.getEffectiveLevel() >= Status.WARN)
                    .extracting(Status::getMessage).as("the application log's warnings").isEmpty();
        } finally {
            app.after();
        }
    }
}
