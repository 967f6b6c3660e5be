package dev.ticketspace.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Customers and the version of what each one sees. */
public interface CustomerDao {
    @SqlUpdate("INSERT IGNORE INTO customers (workspace_id, customer_id, version) VALUES (:ws, :customer, 0)")
    void ensureExists(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    /** Locks the customer's row until the transaction ends: every change to a customer's data takes this lock first. */
    @SqlQuery("SELECT version FROM customers WHERE workspace_id = :ws AND customer_id = :customer FOR UPDATE")
    Optional<Long> lock(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    @SqlUpdate("UPDATE customers SET version = version + 1 WHERE workspace_id = :ws AND customer_id = :customer")
    void bumpVersion(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    @SqlQuery("SELECT version FROM customers WHERE workspace_id = :ws AND customer_id = :customer")
    Optional<Long> version(@Bind("ws") String workspaceId, @Bind("customer") String customerId);
}
