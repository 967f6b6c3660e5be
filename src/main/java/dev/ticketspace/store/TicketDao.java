package dev.ticketspace.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Tickets, read and written as {@link TicketRow}s. */
public interface TicketDao {
    String COLUMNS = "ticket_id AS id, customer_id, title, category, label, shared, conversation_id, created_at, "
            + "state_changed_at, sharing_changed_at, last_activity_at, notified_at, read_at, card_activity_at, decided_by";

    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND ticket_id = :id")
    Optional<TicketRow> find(@Bind("ws") String workspaceId, @Bind("id") String ticketId);

    /** The tickets of these ids, whoever's, unlocked. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND ticket_id IN (<ids>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<TicketRow> findAll(@Bind("ws") String workspaceId, @BindList("ids") Collection<String> ticketIds);

    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND customer_id = :customer")
    List<TicketRow> ofCustomer(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    /** The customers' tickets of these ids, locked. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND customer_id IN (<customers>) "
            + "AND ticket_id IN (<ids>) FOR UPDATE")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<TicketRow> ofCustomersForUpdate(@Bind("ws") String workspaceId,
                                         @BindList("customers") Collection<String> customerIds,
                                         @BindList("ids") Collection<String> ticketIds);

    /** The customers' tickets linked to these conversations, locked. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tickets WHERE workspace_id = :ws AND customer_id IN (<customers>) "
            + "AND conversation_id IN (<ids>) FOR UPDATE")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<TicketRow> linkedForUpdate(@Bind("ws") String workspaceId, @BindList("customers") Collection<String> customerIds,
                                    @BindList("ids") Collection<String> conversationIds);

    String INSERT = "INSERT INTO tickets (workspace_id, ticket_id, customer_id, title, category, label, shared, "
            + "conversation_id, shared_conversation_id, created_at, state_changed_at, sharing_changed_at, "
            + "last_activity_at, notified_at, read_at, card_activity_at, decided_by) VALUES (:ws, :t.id, :t.customerId, "
            + ":t.title, :t.category, :t.label, :t.shared, :t.conversationId, :sharedConversationId, :t.createdAt, "
            + ":t.stateChangedAt, :t.sharingChangedAt, :t.lastActivityAt, :t.notifiedAt, :t.readAt, :t.cardActivityAt, "
            + ":t.trailJson)";

    @SqlUpdate(INSERT)
    void insert(@Bind("ws") String workspaceId, @BindMethods("t") TicketRow ticket,
                @Bind("sharedConversationId") String sharedConversationId);

    /** Inserts many new tickets in one batch; the lists run in step. */
    @SqlBatch(INSERT)
    void insertAll(@Bind("ws") String workspaceId, @BindMethods("t") List<TicketRow> tickets,
                   @Bind("sharedConversationId") List<String> sharedConversationIds);

    String UPDATE = "UPDATE tickets SET title = :t.title, category = :t.category, label = :t.label, "
            + "shared = :t.shared, conversation_id = :t.conversationId, shared_conversation_id = :sharedConversationId, "
            + "state_changed_at = :t.stateChangedAt, sharing_changed_at = :t.sharingChangedAt, "
            + "last_activity_at = :t.lastActivityAt, notified_at = :t.notifiedAt, read_at = :t.readAt, "
            + "card_activity_at = :t.cardActivityAt, decided_by = :t.trailJson "
            + "WHERE workspace_id = :ws AND ticket_id = :t.id";

    @SqlUpdate(UPDATE)
    void update(@Bind("ws") String workspaceId, @BindMethods("t") TicketRow ticket,
                @Bind("sharedConversationId") String sharedConversationId);

    /** Updates many tickets in one batch; the lists run in step. */
    @SqlBatch(UPDATE)
    void updateAll(@Bind("ws") String workspaceId, @BindMethods("t") List<TicketRow> tickets,
                   @Bind("sharedConversationId") List<String> sharedConversationIds);

    /** Stores again what the rules decided when things happened, for many tickets in one batch. */
    @SqlBatch("UPDATE tickets SET last_activity_at = :t.lastActivityAt, notified_at = :t.notifiedAt, "
            + "read_at = :t.readAt, card_activity_at = :t.cardActivityAt, decided_by = :t.trailJson "
            + "WHERE workspace_id = :ws AND ticket_id = :t.id")
    void updateDecisions(@Bind("ws") String workspaceId, @BindMethods("t") List<TicketRow> tickets);

    /** Inserts or updates the ticket, keeping {@code shared_conversation_id} (the R2 unique key) in step. */
    default void save(String workspaceId, TicketRow ticket, boolean isNew) {
        if (isNew) {
            insert(workspaceId, ticket, sharedConversationId(ticket));
        } else {
            update(workspaceId, ticket, sharedConversationId(ticket));
        }
    }

    default void insertAll(String workspaceId, List<TicketRow> tickets) {
        insertAll(workspaceId, tickets, tickets.stream().map(TicketDao::sharedConversationId).toList());
    }

    default void updateAll(String workspaceId, List<TicketRow> tickets) {
        updateAll(workspaceId, tickets, tickets.stream().map(TicketDao::sharedConversationId).toList());
    }

    /** Whether the change from one to the other moves the R2 unique key, which only a write of its own may do. */
    static boolean movesSharedConversation(TicketRow before, TicketRow after) {
        return !Objects.equals(sharedConversationId(before), sharedConversationId(after));
    }

    private static String sharedConversationId(TicketRow ticket) {
        return ticket.shared() ? ticket.conversationId() : null;
    }

    /** Maps {@link #COLUMNS}, in their order: reads are hot, and reflection per query measured a tenth of them. */
    final class Rows implements RowMapper<TicketRow> {
        @Override
        public TicketRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TicketRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getBoolean(6), rs.getString(7), UtcInstants.read(rs, 8), UtcInstants.read(rs, 9),
                    UtcInstants.read(rs, 10), UtcInstants.read(rs, 11), UtcInstants.read(rs, 12),
                    UtcInstants.read(rs, 13), UtcInstants.read(rs, 14), DecisionTrail.fromJson(rs.getString(15)));
        }
    }
}
