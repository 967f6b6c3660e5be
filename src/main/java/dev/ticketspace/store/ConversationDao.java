package dev.ticketspace.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
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

/** Conversations, read and written as {@link ConversationRow}s. */
public interface ConversationDao {
    String COLUMNS = "conversation_id AS id, customer_id, state, message_count, last_message_at, "
            + "last_teammate_message_at, customer_read_at, created_at, state_changed_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND conversation_id = :id")
    Optional<ConversationRow> find(@Bind("ws") String workspaceId, @Bind("id") String conversationId);

    /** The conversations of these ids, whoever's, unlocked. */
    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND conversation_id IN (<ids>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<ConversationRow> findAll(@Bind("ws") String workspaceId,
                                  @BindList("ids") Collection<String> conversationIds);

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND customer_id = :customer")
    List<ConversationRow> ofCustomer(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    /** The customers' conversations of these ids, locked. */
    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND customer_id IN (<customers>) "
            + "AND conversation_id IN (<ids>) FOR UPDATE")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<ConversationRow> ofCustomersForUpdate(@Bind("ws") String workspaceId,
                                               @BindList("customers") Collection<String> customerIds,
                                               @BindList("ids") Collection<String> conversationIds);

    String INSERT = "INSERT INTO conversations (workspace_id, conversation_id, customer_id, state, message_count, "
            + "last_message_at, last_teammate_message_at, customer_read_at, created_at, state_changed_at) VALUES "
            + "(:ws, :c.id, :c.customerId, :c.state, :c.messageCount, :c.lastMessageAt, :c.lastTeammateMessageAt, "
            + ":c.customerReadAt, :c.createdAt, :c.stateChangedAt)";

    @SqlUpdate(INSERT)
    void insert(@Bind("ws") String workspaceId, @BindMethods("c") ConversationRow conversation);

    /** Inserts many new conversations in one batch. */
    @SqlBatch(INSERT)
    void insertAll(@Bind("ws") String workspaceId, @BindMethods("c") List<ConversationRow> conversations);

    /** Updates many conversations in one batch. */
    @SqlBatch("UPDATE conversations SET state = :c.state, message_count = :c.messageCount, "
            + "last_message_at = :c.lastMessageAt, last_teammate_message_at = :c.lastTeammateMessageAt, "
            + "customer_read_at = :c.customerReadAt, state_changed_at = :c.stateChangedAt "
            + "WHERE workspace_id = :ws AND conversation_id = :c.id")
    void updateAll(@Bind("ws") String workspaceId, @BindMethods("c") List<ConversationRow> conversations);

    /** Maps {@link #COLUMNS}, in their order: reads are hot, and reflection per query measured a tenth of them. */
    final class Rows implements RowMapper<ConversationRow> {
        @Override
        public ConversationRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ConversationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                    UtcInstants.read(rs, 5), UtcInstants.read(rs, 6), UtcInstants.read(rs, 7), UtcInstants.read(rs, 8),
                    UtcInstants.read(rs, 9));
        }
    }
}
