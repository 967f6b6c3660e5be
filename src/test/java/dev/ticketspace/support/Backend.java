package dev.ticketspace.support;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two databases every SQL-touching test runs against: H2 in MySQL mode and a real MySQL/MariaDB.
 * One application per backend is started on first use and shared by all test classes of the JVM.
 * MySQL comes from {@code TICKETSPACE_TEST_MYSQL_URL}, {@code _USER}, {@code _PASSWORD} (defaults:
 * {@code jdbc:mysql://127.0.0.1:3306/ticketspace_test}, {@code ticketspace}/{@code ticketspace});
 * when it cannot be reached the tests fail, they are never skipped.
 */
public enum Backend {
    H2, MYSQL;

    public static final String CONFIG = ResourceHelpers.resourceFilePath("test-config.yml");
    private static final Map<Backend, DropwizardAppExtension<TicketspaceConfiguration>> APPS = new EnumMap<>(Backend.class);

    /** The shared running application for this backend. */
    public synchronized DropwizardAppExtension<TicketspaceConfiguration> app() {
        return APPS.computeIfAbsent(this, backend -> {
            DropwizardAppExtension<TicketspaceConfiguration> app = backend.newApp(backend.freshDatabaseUrl());
            Apps.start(app);
            return app;
        });
    }

    /**
     * A new, not yet started application on the given database URL of this backend. {@code more} must not
     * name a setting made here (database.*, rules.directory): Dropwizard applies overrides in no fixed
     * order. To replace those, use {@link #newApp(String, Map)}.
     */
    public DropwizardAppExtension<TicketspaceConfiguration> newApp(String url, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>();
        defaults(url).forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
        overrides.addAll(List.of(more));
        return new DropwizardAppExtension<>(TicketspaceApplication.class, CONFIG, overrides.toArray(ConfigOverride[]::new));
    }

    /** A new, not yet started application; {@code settings} (e.g. "rules.directory") replace the defaults. */
    public DropwizardAppExtension<TicketspaceConfiguration> newApp(String url, Map<String, String> settings) {
        return newApp(TicketspaceApplication.class, url, settings);
    }

    /** A new, not yet started application of a subclass (one that simulates a fault, say). */
    public DropwizardAppExtension<TicketspaceConfiguration> newApp(Class<? extends TicketspaceApplication> application,
                                                                   String url, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(defaults(url));
        all.putAll(settings);
        return new DropwizardAppExtension<>(application, CONFIG, all.entrySet().stream()
                .map(setting -> ConfigOverride.config(setting.getKey(), setting.getValue()))
                .toArray(ConfigOverride[]::new));
    }

    private Map<String, String> defaults(String url) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("database.url", url);
        defaults.put("database.driverClass", this == H2 ? "org.h2.Driver" : "com.mysql.cj.jdbc.Driver");
        defaults.put("database.user", this == H2 ? "sa" : mysqlUser());
        defaults.put("database.password", this == H2 ? "" : mysqlPassword());
        defaults.put("rules.directory", rulesDirectory().toString());
        return defaults;
    }

    /** The rules under test: {@code rules}, or others with -Dticketspace.rulesDirectory=... (e.g. one rule deleted). */
    public static Path rulesDirectory() {
        return Path.of(System.getProperty("ticketspace.rulesDirectory", "rules"));
    }

    /** An empty database: a new in-memory H2 database, or the MySQL test database dropped and created anew. */
    public String freshDatabaseUrl() {
        if (this == H2) {
            return "jdbc:h2:mem:ts-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        }
        String url = mysqlUrl();
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*$", "");
        try (Connection connection = DriverManager.getConnection(server, mysqlUser(), mysqlPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL tests need a server at " + url + " (user " + mysqlUser()
                    + "); run .ci/mysql-setup or set TICKETSPACE_TEST_MYSQL_URL/_USER/_PASSWORD", e);
        }
        return url;
    }

    public static String mysqlUrl() {
        return System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/ticketspace_test");
    }

    private static String mysqlUser() {
        return System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_USER", "ticketspace");
    }

    private static String mysqlPassword() {
        return System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_PASSWORD", "ticketspace");
    }
}
