package dev.ticketspace.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The change log is pruned of rows older than the retention, in statements of a bounded size (each must
 * stay within the driver's socket timeout), however many rows have piled up. On a database of its own:
 * no application's pruner deletes the rows before (or instead of) the one under test.
 */
class ChangeFeedPruneTest {
    private static final String WORKSPACE = "prune";

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void pruningDeletesEveryRowOlderThanTheRetentionAndKeepsTheOthers(Backend backend) throws Exception {
        String url = Db.privateDatabase(backend, "prune");
        ManagedDataSource dataSource = dataSource(backend, url);
        try {
            Store.migrate(dataSource);
            Jdbi jdbi = Store.jdbi(dataSource);
            Instant now = Instant.now();
            StateChangeDao log = jdbi.onDemand(StateChangeDao.class);
            log.record(WORKSPACE, "old", 1, now.minus(Duration.ofHours(1)));
            int old = 1;
            // doubling: 1, 2, 4, ... up to more than two full prune statements' worth
            while (old <= 2 * ChangeLogPruner.BATCH) {
                old += jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO state_changes "
                                + "(workspace_id, customer_id, version, changed_at) SELECT workspace_id, customer_id, "
                                + "version, changed_at FROM state_changes WHERE workspace_id = :ws AND customer_id = 'old'")
                        .bind("ws", WORKSPACE).execute());
            }
            log.record(WORKSPACE, "recent", 1, now);

            int pruned = new ChangeFeed(jdbi, Duration.ofSeconds(1), Duration.ofMinutes(10), Clock.systemUTC(),
                ChangeLogReads.in(new MetricRegistry())).prune();

            assertThat(pruned).as("rows this prune deleted").isEqualTo(old);
            List<String> left = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT customer_id FROM state_changes WHERE workspace_id = :ws")
                    .bind("ws", WORKSPACE).mapTo(String.class).list());
            assertThat(left).containsExactly("recent");
        } finally {
            dataSource.stop();
            Db.dropForOwnApp(backend, url);
        }
    }

    private static ManagedDataSource dataSource(Backend backend, String url) {
        DatabaseConfig database = new DatabaseConfig();
        DatabaseConfig shared = backend.app().getConfiguration().getDatabase();
        database.setDriverClass(shared.getDriverClass());
        database.setUser(shared.getUser());
        database.setPassword(shared.getPassword());
        database.setUrl(url);
        return database.build(new MetricRegistry(), "prune-test");
    }
}
