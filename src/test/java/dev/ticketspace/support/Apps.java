package dev.ticketspace.support;

import io.dropwizard.testing.junit5.DropwizardAppExtension;

/** Starts applications outside JUnit's per-class lifecycle; they stop when the test JVM ends. */
public final class Apps {
    private Apps() {
    }

    public static void start(DropwizardAppExtension<?> app) {
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::after));
    }
}
