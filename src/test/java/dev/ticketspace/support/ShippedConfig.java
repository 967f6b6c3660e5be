package dev.ticketspace.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application as the shipped {@code config.yml} configures it (logging, request log, pool, timeouts),
 * on a fresh H2 database, free ports and the rules under test, with the application log and the request
 * log written to files instead of the console.
 */
public final class ShippedConfig {
    public static final String FILE = "config.yml";
    /** How config.yml picks the layouts; {@code TICKETSPACE_LOG_FORMAT} is text unless set. */
    private static final String LAYOUT = "type: ${TICKETSPACE_LOG_FORMAT:-text}";
    private static final String REQUEST_LAYOUT = "type: access-${TICKETSPACE_LOG_FORMAT:-text}";

    private ShippedConfig() {
    }

    /**
     * A new, not yet started application. {@code logFormat} is what {@code TICKETSPACE_LOG_FORMAT} would
     * be: {@code text} leaves config.yml's layouts as they are, any other value sets them as the variable
     * would (tests cannot set environment variables).
     */
    public static DropwizardAppExtension<TicketspaceConfiguration> app(String logFormat, Path applicationLog,
                                                                      Path requestLog, ConfigOverride... more) {
        assertThat(read()).as(FILE + " picks both layouts with TICKETSPACE_LOG_FORMAT")
                .contains("\n      layout:\n        " + LAYOUT + "\n")
                .contains("\n        layout:\n          " + REQUEST_LAYOUT + "\n");
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                // All of the database: apps of other tests leave their overrides as system properties.
                ConfigOverride.config("database.url", Backend.H2.freshDatabaseUrl()),
                ConfigOverride.config("database.driverClass", "org.h2.Driver"),
                ConfigOverride.config("database.user", "sa"),
                ConfigOverride.config("database.password", ""),
                ConfigOverride.config("rules.directory", Backend.rulesDirectory().toString()),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0")));
        overrides.addAll(toFile("logging.appenders[0]", applicationLog));
        overrides.addAll(toFile("server.requestLog.appenders[0]", requestLog));
        if (!logFormat.equals("text")) {
            overrides.add(ConfigOverride.config("logging.appenders[0].layout.type", logFormat));
            overrides.add(ConfigOverride.config("server.requestLog.appenders[0].layout.type", "access-" + logFormat));
        }
        overrides.addAll(List.of(more));
        return new DropwizardAppExtension<>(TicketspaceApplication.class, FILE, overrides.toArray(ConfigOverride[]::new));
    }

    /** The console appender turned into a file appender, its layout kept. */
    private static List<ConfigOverride> toFile(String appender, Path file) {
        return List.of(ConfigOverride.config(appender + ".type", "file"),
                ConfigOverride.config(appender + ".currentLogFilename", file.toString()),
                ConfigOverride.config(appender + ".archive", "false"));
    }

    private static String read() {
        try {
            return Files.readString(Path.of(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
