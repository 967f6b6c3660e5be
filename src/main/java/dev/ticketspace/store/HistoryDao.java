package dev.ticketspace.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Each customer's applied events, in the order they applied, so that their meaning can be decided again. */
public interface HistoryDao {
    /** Records events; the lists run in step. */
    @SqlBatch("INSERT INTO customer_history (workspace_id, customer_id, event_json, decided_at) "
            + "VALUES (:ws, :customer, :json, :at)")
    void recordAll(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds,
                   @Bind("json") List<String> events, @Bind("at") List<Instant> decidedAt);

    @SqlQuery("SELECT event_json, decided_at FROM customer_history WHERE workspace_id = :ws "
            + "AND customer_id = :customer ORDER BY id")
    List<HistoryRow> ofCustomer(@Bind("ws") String workspaceId, @Bind("customer") String customerId);
}
