package dev.ticketspace.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Customers and the version of what each one sees. */
public interface CustomerDao {
    /** A customer's row as events first make it: at version 0, with its whole history recorded. */
    String NEW_ROW = "INSERT INTO customers (workspace_id, customer_id, version, replayable) VALUES (:ws, :customer, 0, TRUE)";

    /**
     * Creates the customer's row if need be and holds its exclusive lock until the transaction ends:
     * every change to a customer's data starts here, so one customer's changes apply one at a time. The
     * lock is exclusive from the first statement on (unlike INSERT IGNORE then SELECT FOR UPDATE), so
     * two transactions never deadlock over it. A row made here has its whole history recorded.
     */
    @SqlUpdate(NEW_ROW + " ON DUPLICATE KEY UPDATE version = version")
    void lock(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    /**
     * Locks, until the transaction ends, the rows of those of the customers that have one; their versions
     * by customer id. A customer without a row is not locked: a request that goes on to make one learns
     * whether another request did first when it {@link #createAll creates} it.
     */
    @SqlQuery("SELECT customer_id, version FROM customers WHERE workspace_id = :ws AND customer_id IN (<customers>) "
            + "FOR UPDATE")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    @KeyColumn("customer_id")
    @ValueColumn("version")
    Map<String, Long> lockAll(@Bind("ws") String workspaceId, @BindList("customers") Collection<String> customerIds);

    /**
     * Creates the rows of customers that have none, at version 0, their whole history recorded, as
     * {@link #lock} would; refused for a unique key if another transaction made one of them since.
     */
    @SqlBatch(NEW_ROW)
    void createAll(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds);

    /** Creates customers that have no row yet, at version 1 (they have data). */
    @SqlBatch("INSERT INTO customers (workspace_id, customer_id, version) VALUES (:ws, :customer, 1)")
    void insertAll(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds);

    /** Sets the versions of what customers see; the lists run in step. */
    @SqlBatch("UPDATE customers SET version = :version WHERE workspace_id = :ws AND customer_id = :customer")
    void setVersions(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds,
                     @Bind("version") List<Long> versions);

    @SqlQuery("SELECT version FROM customers WHERE workspace_id = :ws AND customer_id = :customer")
    Optional<Long> version(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    String ROW = "SELECT customer_id, version, recheck_at, decided_rules, shared_tickets, listed_tickets, "
            + "card_candidates, unread_tickets, unread_conversations, home_badge, messages_badge, tickets_badge "
            + "FROM customers WHERE workspace_id = :ws ";

    /** The customer's version, when it is due to be decided again and its kept counts, if it has a row. */
    @SqlQuery(ROW + "AND customer_id = :customer")
    Optional<CustomerRow> find(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    /** The rows of those of the customers that have one, by customer id. */
    @SqlQuery(ROW + "AND customer_id IN (<customers>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    @KeyColumn("customer_id")
    Map<String, CustomerRow> findAll(@Bind("ws") String workspaceId,
                                     @BindList("customers") Collection<String> customerIds);

    /**
     * Notes when each customer's state, as decided at its {@code version}, next changes by itself; a state
     * decided since, at another version, has noted its own.
     */
    @SqlBatch("UPDATE customers SET recheck_at = :r.at WHERE workspace_id = :ws AND customer_id = :r.customerId "
            + "AND version = :r.version")
    void setRechecks(@Bind("ws") String workspaceId, @BindMethods("r") List<CustomerRecheck> rechecks);

    /** Customers whose state is due to change by itself, earliest first. */
    @SqlQuery("SELECT workspace_id, customer_id, recheck_at FROM customers WHERE recheck_at <= :now "
            + "ORDER BY recheck_at LIMIT :limit")
    List<DueCustomer> due(@Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Moves a due customer's state on one version, unless another replica got there first; 1 when this
     * call did it. An event since the moment was noted moves it on all the same: one version too many
     * costs a client one fetch, a missed one would leave it showing what time has changed.
     */
    @SqlUpdate("UPDATE customers SET version = version + 1, recheck_at = NULL WHERE workspace_id = :ws "
            + "AND customer_id = :customer AND recheck_at = :at")
    int passTime(@Bind("ws") String workspaceId, @Bind("customer") String customerId, @Bind("at") Instant at);

    /** Customers after the given one, in key order: for passes over every customer. */
    @SqlQuery("SELECT workspace_id, customer_id, replayable FROM customers WHERE workspace_id > :ws "
            + "OR (workspace_id = :ws AND customer_id > :customer) ORDER BY workspace_id, customer_id LIMIT :limit")
    List<CustomerRef> after(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                            @Bind("limit") int limit);
}
