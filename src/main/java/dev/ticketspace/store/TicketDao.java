package dev.ticketspace.store;

import dev.ticketspace.rules.facts.Ticket;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Tickets, read and written as {@link Ticket} facts. */
@RegisterConstructorMapper(Ticket.class)
public interface TicketDao {
    String COLUMNS = "ticket_id AS id, customer_id, title, category, label, shared, conversation_id, created_at, "
            + "state_changed_at, sharing_changed_at, last_activity_at, notified_at, read_at, card_activity_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND ticket_id = :id")
    Optional<Ticket> find(@Bind("ws") String workspaceId, @Bind("id") String ticketId);

    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND ticket_id = :id FOR UPDATE")
    Optional<Ticket> findForUpdate(@Bind("ws") String workspaceId, @Bind("id") String ticketId);

    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND conversation_id = :conversation FOR UPDATE")
    List<Ticket> linkedToForUpdate(@Bind("ws") String workspaceId, @Bind("conversation") String conversationId);

    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND customer_id = :customer")
    List<Ticket> ofCustomer(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    @SqlUpdate("INSERT INTO tickets (workspace_id, ticket_id, customer_id, title, category, label, shared, "
            + "conversation_id, shared_conversation_id, created_at, state_changed_at, sharing_changed_at, "
            + "last_activity_at, notified_at, read_at, card_activity_at) VALUES (:ws, :t.id, :t.customerId, :t.title, "
            + ":t.category, :t.label, :t.shared, :t.conversationId, :sharedConversationId, :t.createdAt, "
            + ":t.stateChangedAt, :t.sharingChangedAt, :t.lastActivityAt, :t.notifiedAt, :t.readAt, :t.cardActivityAt)")
    void insert(@Bind("ws") String workspaceId, @BindMethods("t") Ticket ticket,
                @Bind("sharedConversationId") String sharedConversationId);

    @SqlUpdate("UPDATE tickets SET title = :t.title, category = :t.category, label = :t.label, shared = :t.shared, "
            + "conversation_id = :t.conversationId, shared_conversation_id = :sharedConversationId, "
            + "state_changed_at = :t.stateChangedAt, sharing_changed_at = :t.sharingChangedAt, "
            + "last_activity_at = :t.lastActivityAt, notified_at = :t.notifiedAt, read_at = :t.readAt, "
            + "card_activity_at = :t.cardActivityAt WHERE workspace_id = :ws AND ticket_id = :t.id")
    void update(@Bind("ws") String workspaceId, @BindMethods("t") Ticket ticket,
                @Bind("sharedConversationId") String sharedConversationId);

    /** Inserts or updates the ticket, keeping {@code shared_conversation_id} (the R2 unique key) in step. */
    default void save(String workspaceId, Ticket ticket, boolean isNew) {
        String sharedConversationId = ticket.shared() ? ticket.conversationId() : null;
        if (isNew) {
            insert(workspaceId, ticket, sharedConversationId);
        } else {
            update(workspaceId, ticket, sharedConversationId);
        }
    }
}
