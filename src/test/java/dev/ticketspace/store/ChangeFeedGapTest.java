package dev.ticketspace.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gap in the change log (a number taken by a transaction that has not committed, or never will) holds
 * the feed's cursor for a while, but never the changes after it: however many pile up, each is passed on
 * at the next poll.
 */
class ChangeFeedGapTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void changesBehindAnOpenGapArePassedOnAtTheNextPollHoweverManyPileUp(Backend backend) {
        Jdbi jdbi = Store.configure(Db.of(backend).installPlugin(new SqlObjectPlugin()));
        String workspace = Api.id("gap");
        StateChangeDao log = jdbi.onDemand(StateChangeDao.class);
        ChangeFeed feed = new ChangeFeed(jdbi, Duration.ofSeconds(1), Duration.ofMinutes(10), Clock.systemUTC(),
                ChangeLogReads.in(new MetricRegistry()));
        List<String> passedOn = Collections.synchronizedList(new ArrayList<>());
        feed.subscribe(change -> {
            if (change.workspaceId().equals(workspace)) {
                passedOn.add(change.customerId());
            }
        });
        feed.catchUp();

        // A rolled-back transaction's number: the row is gone, the gap stays.
        log.record(workspace, "rolled-back", 1, Instant.now());
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM state_changes WHERE workspace_id = :ws")
                .bind("ws", workspace).execute());
        List<String> pile = Collections.nCopies(1500, "piled-up");
        log.recordAll(workspace, pile, Collections.nCopies(pile.size(), 1L), Instant.now());
        feed.poll();
        feed.poll();
        log.record(workspace, "latest", 1, Instant.now());
        feed.poll();

        assertThat(passedOn).hasSize(pile.size() + 1).endsWith("latest");
    }
}
