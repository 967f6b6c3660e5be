package dev.ticketspace.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The change log that tells every replica whose state changed. */
public interface StateChangeDao {
    String INSERT = "INSERT INTO state_changes (workspace_id, customer_id, version, changed_at) "
            + "VALUES (:ws, :customer, :version, :at)";

    @SqlUpdate(INSERT)
    void record(@Bind("ws") String workspaceId, @Bind("customer") String customerId, @Bind("version") long version,
                @Bind("at") Instant at);

    /** Records many changes at once; the lists run in step. */
    @SqlBatch(INSERT)
    void recordAll(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds,
                   @Bind("version") List<Long> versions, @Bind("at") Instant at);

    @SqlQuery("SELECT seq, workspace_id, customer_id FROM state_changes WHERE seq > :after ORDER BY seq LIMIT :limit")
    List<StateChange> after(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("SELECT COALESCE(MAX(seq), 0) FROM state_changes")
    long lastSeq();

    /** Deletes rows older than {@code before} up to the sequence {@code upTo}, at most {@code limit} of them. */
    @SqlUpdate("DELETE FROM state_changes WHERE changed_at < :before AND seq <= :upTo LIMIT :limit")
    int prune(@Bind("before") Instant before, @Bind("upTo") long upTo, @Bind("limit") int limit);
}
