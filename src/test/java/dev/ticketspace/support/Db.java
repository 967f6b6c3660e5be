package dev.ticketspace.support;

import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Direct SQL on the database behind a running application, for counts the HTTP API does not show
 * (e.g. a conversation's message count), and dedicated MySQL databases for tests that need their own.
 */
public final class Db {
    private Db() {
    }

    /** A Jdbi on the database of the backend's shared application. */
    public static Jdbi of(Backend backend) {
        return of(backend.app());
    }

    /** A Jdbi on the database the given (started) application uses. */
    public static Jdbi of(DropwizardAppExtension<TicketspaceConfiguration> app) {
        DataSourceFactory database = app.getConfiguration().getDatabase();
        return Jdbi.create(database.getUrl(), database.getUser(), database.getPassword());
    }

    /** A Jdbi on a MySQL database, as the test user. */
    public static Jdbi mysql(String url) {
        return Jdbi.create(url, mysqlUser(), mysqlPassword());
    }

    /**
     * A database for an application the test starts itself: a new H2 database, or a MySQL database of its
     * own (see {@link #dedicatedMysqlDatabase}). Where the test user may not create one (CI's user), the
     * shared MySQL test database, once the shared application has created it so that it is not dropped
     * under the test; tests using it work on fresh ids, which meet nothing there.
     */
    public static String forOwnApp(Backend backend, String suffix) {
        if (backend == Backend.H2) {
            return backend.freshDatabaseUrl();
        }
        return dedicatedMysqlDatabase(suffix).orElseGet(() -> {
            backend.app();
            return Backend.mysqlUrl();
        });
    }

    /**
     * An empty database no application uses: a new H2 database, or a MySQL database of its own. Unlike
     * {@link #forOwnApp} there is no falling back on the shared test database (whose application would
     * interfere), so the test user must be allowed to create it (.ci/mysql-setup grants that).
     */
    public static String privateDatabase(Backend backend, String suffix) {
        if (backend == Backend.H2) {
            return backend.freshDatabaseUrl();
        }
        return dedicatedMysqlDatabase(suffix).orElseThrow(() -> new IllegalStateException("the MySQL test user "
                + mysqlUser() + " may not create the database " + Backend.mysqlUrl() + "_" + suffix
                + "; run .ci/mysql-setup"));
    }

    /** Drops a database {@link #forOwnApp} made: a dedicated MySQL database (H2's in-memory ones need nothing). */
    public static void dropForOwnApp(Backend backend, String url) {
        if (backend == Backend.MYSQL && !url.equals(Backend.mysqlUrl())) {
            dropMysqlDatabase(url);
        }
    }

    /** {@code conversations.message_count}, or empty when there is no such conversation. */
    public static Optional<Integer> messageCount(Jdbi jdbi, String workspaceId, String conversationId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT message_count FROM conversations WHERE workspace_id = :ws AND conversation_id = :id")
                .bind("ws", workspaceId).bind("id", conversationId)
                .mapTo(Integer.class).findOne());
    }

    /** Every row of each table, in a fixed order, as text: equal fingerprints, equal tables. */
    public static Map<String, String> tableFingerprints(Jdbi jdbi, List<String> tables) {
        Map<String, String> fingerprints = new TreeMap<>();
        jdbi.useHandle(handle -> {
            for (String table : tables) {
                List<String> rows = handle.createQuery("SELECT * FROM " + table).mapToMap().stream()
                        .map(Db::text).sorted().toList();
                fingerprints.put(table, rows.size() + " rows: " + String.join("\n", rows));
            }
        });
        return fingerprints;
    }

    /** A row as text; H2 hands CLOB columns out as objects that print no content. */
    private static String text(Map<String, Object> row) {
        Map<String, Object> text = new TreeMap<>();
        row.forEach((column, value) -> {
            try {
                text.put(column, value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : value);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return text.toString();
    }

    /** {@code customers.version} (0 when the customer has no row): the customer's part of the state version. */
    public static long customerVersion(Jdbi jdbi, String workspaceId, String customerId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT version FROM customers WHERE workspace_id = :ws AND customer_id = :c")
                .bind("ws", workspaceId).bind("c", customerId)
                .mapTo(Long.class).findOne().orElse(0L));
    }

    /** How many rows of {@code applied_events} have this id (0 or 1). */
    public static int appliedEvents(Jdbi jdbi, String workspaceId, String eventId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM applied_events WHERE workspace_id = :ws AND event_id = :id")
                .bind("ws", workspaceId).bind("id", eventId)
                .mapTo(Integer.class).one());
    }

    /** How many of these event ids {@code applied_events} holds. */
    public static int appliedEvents(Jdbi jdbi, String workspaceId, Collection<String> eventIds) {
        return eventIds.stream().mapToInt(id -> appliedEvents(jdbi, workspaceId, id)).sum();
    }

    /**
     * A MySQL database of its own, named after the test database with the suffix, dropped and created
     * anew; empty when the test user may not create databases (e.g. CI's user, which is granted the test
     * database only), so the caller can fall back on the shared test database.
     */
    public static Optional<String> dedicatedMysqlDatabase(String suffix) {
        String url = Backend.mysqlUrl();
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        String rest = url.substring(url.lastIndexOf('/') + 1);
        int query = rest.indexOf('?');
        String database = (query < 0 ? rest : rest.substring(0, query)) + "_" + suffix;
        String parameters = query < 0 ? "" : rest.substring(query);
        try (Connection connection = DriverManager.getConnection(server, mysqlUser(), mysqlPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            return Optional.empty();
        }
        return Optional.of(server + database + parameters);
    }

    public static void dropMysqlDatabase(String url) {
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*$", "");
        try (Connection connection = DriverManager.getConnection(server, mysqlUser(), mysqlPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + database, e);
        }
    }

    // The same defaults as Backend's.
    private static String mysqlUser() {
        return System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_USER", "ticketspace");
    }

    private static String mysqlPassword() {
        return System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_PASSWORD", "ticketspace");
    }
}
