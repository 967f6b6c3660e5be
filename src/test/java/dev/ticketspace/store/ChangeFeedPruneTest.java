package dev.ticketspace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The change log is pruned of rows older than the retention, in statements of a bounded size (each must
 * stay within the driver's socket timeout), however many rows have piled up.
 */
class ChangeFeedPruneTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void pruningDeletesEveryRowOlderThanTheRetentionAndKeepsTheOthers(Backend backend) {
        Jdbi jdbi = Store.configure(Db.of(backend).installPlugin(new SqlObjectPlugin()));
        String workspace = Api.id("prune");
        Instant now = Instant.now();
        StateChangeDao log = jdbi.onDemand(StateChangeDao.class);
        log.record(workspace, "old", 1, now.minus(Duration.ofHours(1)));
        int old = 1;
        while (old <= 2 * ChangeFeed.PRUNE_BATCH) {
            old += jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO state_changes "
                            + "(workspace_id, customer_id, version, changed_at) SELECT workspace_id, customer_id, "
                            + "version, changed_at FROM state_changes WHERE workspace_id = :ws AND customer_id = 'old'")
                    .bind("ws", workspace).execute());
        }
        log.record(workspace, "recent", 1, now);

        new ChangeFeed(jdbi, Duration.ofSeconds(1), Duration.ofMinutes(10), Clock.systemUTC()).prune();

        List<String> left = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT customer_id FROM state_changes WHERE workspace_id = :ws")
                .bind("ws", workspace).mapTo(String.class).list());
        assertThat(left).containsExactly("recent");
    }
}
