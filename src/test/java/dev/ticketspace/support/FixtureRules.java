package dev.ticketspace.support;

import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.HashMap;
import java.util.Map;

/**
 * Applications serving a fixture rule set of {@code src/test/resources/rulesets/<name>} instead of the
 * shipped rules, for tests of the machinery: one per rule set and backend, on a database of its own,
 * started on first use and shared by the test classes of the JVM.
 */
public final class FixtureRules {
    private static final Map<String, DropwizardAppExtension<TicketspaceConfiguration>> APPS = new HashMap<>();

    private FixtureRules() {
    }

    /** The rule set's directory. */
    public static String directory(String ruleSet) {
        return ResourceHelpers.resourceFilePath("rulesets/" + ruleSet);
    }

    public static synchronized DropwizardAppExtension<TicketspaceConfiguration> app(String ruleSet, Backend backend) {
        return APPS.computeIfAbsent(ruleSet + "/" + backend, key -> {
            DropwizardAppExtension<TicketspaceConfiguration> app = backend.newApp(
                    Db.privateDatabase(backend, "rules_" + ruleSet), Map.of("rules.directory", directory(ruleSet)));
            Apps.start(app);
            return app;
        });
    }

    /**
     * A new application on the rule set and the given database, started, with {@code more} settings on
     * top: for tests that need one of their own. They stop it.
     */
    public static DropwizardAppExtension<TicketspaceConfiguration> startOwnApp(String ruleSet, Backend backend,
                                                                              String url, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("rules.directory", directory(ruleSet));
        DropwizardAppExtension<TicketspaceConfiguration> app = backend.newApp(url, settings);
        Apps.start(app);
        return app;
    }

    /** The {@code demo} workspace of the rule set's application. */
    public static Api demo(String ruleSet, Backend backend) {
        return new Api(app(ruleSet, backend), "demo");
    }
}
