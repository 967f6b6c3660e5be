package dev.ticketspace.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Single-use stream tickets, kept by the hash of each. */
public interface StreamTicketDao {
    @SqlUpdate("INSERT INTO stream_tickets (ticket_hash, workspace_id, customer_id, expires_at) "
            + "VALUES (:hash, :ws, :customer, :expiresAt)")
    void insert(@Bind("hash") String hash, @Bind("ws") String workspaceId, @Bind("customer") String customerId,
                @Bind("expiresAt") Instant expiresAt);

    /** Whose ticket it is, while it is valid. */
    @SqlQuery("SELECT workspace_id, customer_id FROM stream_tickets WHERE ticket_hash = :hash AND expires_at > :now")
    Optional<CustomerKey> holder(@Bind("hash") String hash, @Bind("now") Instant now);

    /** Uses the ticket up; 1 for the one call that did. */
    @SqlUpdate("DELETE FROM stream_tickets WHERE ticket_hash = :hash")
    int use(@Bind("hash") String hash);

    @SqlUpdate("DELETE FROM stream_tickets WHERE expires_at < :now LIMIT 1000")
    int pruneExpired(@Bind("now") Instant now);
}
