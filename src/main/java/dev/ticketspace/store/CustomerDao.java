package dev.ticketspace.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Customers and the version of what each one sees. */
public interface CustomerDao {
    /**
     * Creates the customer's row if need be and holds its exclusive lock until the transaction ends:
     * every change to a customer's data starts here, so one customer's changes apply one at a time. The
     * lock is exclusive from the first statement on (unlike INSERT IGNORE then SELECT FOR UPDATE), so
     * two transactions never deadlock over it.
     */
    @SqlUpdate("INSERT INTO customers (workspace_id, customer_id, version) VALUES (:ws, :customer, 0) "
            + "ON DUPLICATE KEY UPDATE version = version")
    void lock(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    /** Creates customers that have no row yet, at version 1 (they have data). */
    @SqlBatch("INSERT INTO customers (workspace_id, customer_id, version) VALUES (:ws, :customer, 1)")
    void insertAll(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds);

    /** Sets the versions of what customers see; the lists run in step. */
    @SqlBatch("UPDATE customers SET version = :version WHERE workspace_id = :ws AND customer_id = :customer")
    void setVersions(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds,
                     @Bind("version") List<Long> versions);

    @SqlQuery("SELECT version FROM customers WHERE workspace_id = :ws AND customer_id = :customer")
    Optional<Long> version(@Bind("ws") String workspaceId, @Bind("customer") String customerId);
}
