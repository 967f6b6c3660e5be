package dev.ticketspace.store;

import dev.ticketspace.rules.facts.Conversation;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Conversations, read and written as {@link Conversation} facts. */
@RegisterConstructorMapper(Conversation.class)
public interface ConversationDao {
    String COLUMNS = "conversation_id AS id, customer_id, state, message_count, last_message_at, "
            + "last_teammate_message_at, customer_read_at, created_at, state_changed_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND conversation_id = :id")
    Optional<Conversation> find(@Bind("ws") String workspaceId, @Bind("id") String conversationId);

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND conversation_id = :id FOR UPDATE")
    Optional<Conversation> findForUpdate(@Bind("ws") String workspaceId, @Bind("id") String conversationId);

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = :ws AND customer_id = :customer")
    List<Conversation> ofCustomer(@Bind("ws") String workspaceId, @Bind("customer") String customerId);

    @SqlUpdate("INSERT INTO conversations (workspace_id, conversation_id, customer_id, state, message_count, "
            + "last_message_at, last_teammate_message_at, customer_read_at, created_at, state_changed_at) VALUES "
            + "(:ws, :c.id, :c.customerId, :c.state, :c.messageCount, :c.lastMessageAt, :c.lastTeammateMessageAt, "
            + ":c.customerReadAt, :c.createdAt, :c.stateChangedAt)")
    void insert(@Bind("ws") String workspaceId, @BindMethods("c") Conversation conversation);

    @SqlUpdate("UPDATE conversations SET state = :c.state, message_count = :c.messageCount, "
            + "last_message_at = :c.lastMessageAt, last_teammate_message_at = :c.lastTeammateMessageAt, "
            + "customer_read_at = :c.customerReadAt, state_changed_at = :c.stateChangedAt "
            + "WHERE workspace_id = :ws AND conversation_id = :c.id")
    void update(@Bind("ws") String workspaceId, @BindMethods("c") Conversation conversation);
}
