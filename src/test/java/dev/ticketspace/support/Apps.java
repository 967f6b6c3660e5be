package dev.ticketspace.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts applications outside JUnit's per-class lifecycle. They stop when the test JVM ends, by Jetty's
 * own shutdown hook, with which Dropwizard registers every server it starts. A second hook stopping the
 * same server at the same time left Jetty's thread pool waiting out its 30 s stop timeout for selector
 * threads that neither stop had ended, and Surefire killed the JVM.
 */
public final class Apps {
    private Apps() {
    }

    public static void start(DropwizardAppExtension<?> app) {
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not start", e);
        }
    }

    /** The test configuration with the database of the running app, written into the folder: commands read a file. */
    public static Path configFileOn(DropwizardAppExtension<TicketspaceConfiguration> app, Path folder) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode config = (ObjectNode) yaml.readTree(new File(Backend.CONFIG));
        ObjectNode database = (ObjectNode) config.get("database");
        database.put("url", app.getConfiguration().getDatabase().getUrl());
        database.put("driverClass", app.getConfiguration().getDatabase().getDriverClass());
        database.put("user", app.getConfiguration().getDatabase().getUser());
        database.put("password", app.getConfiguration().getDatabase().getPassword());
        Path file = folder.resolve("config.yml");
        yaml.writeValue(file.toFile(), config);
        return file;
    }
}
