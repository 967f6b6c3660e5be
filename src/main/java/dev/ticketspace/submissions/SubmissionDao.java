package dev.ticketspace.submissions;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Submissions, their idempotency keys and the hourly count. */
@RegisterConstructorMapper(SubmissionRow.class)
public interface SubmissionDao {
    String COLUMNS = "SELECT submission_id AS id, customer_id, type_id, title, fields, ticket_id, conversation_id, created_at "
            + "FROM ticket_submissions ";

    @SqlQuery(COLUMNS + "WHERE workspace_id = :ws AND customer_id = :customer AND idempotency_key = :key")
    Optional<SubmissionRow> byKey(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                  @Bind("key") String key);

    @SqlQuery(COLUMNS + "WHERE workspace_id = :ws AND submission_id = :id")
    Optional<SubmissionRow> find(@Bind("ws") String workspaceId, @Bind("id") String submissionId);

    @SqlUpdate("UPDATE ticket_submissions SET idempotency_key = NULL WHERE workspace_id = :ws AND submission_id = :id")
    void forgetKey(@Bind("ws") String workspaceId, @Bind("id") String submissionId);

    @SqlQuery("SELECT COUNT(*) FROM ticket_submissions WHERE workspace_id = :ws AND customer_id = :customer "
            + "AND created_at > :since")
    int countSince(@Bind("ws") String workspaceId, @Bind("customer") String customerId, @Bind("since") Instant since);

    @SqlUpdate("INSERT INTO ticket_submissions (workspace_id, submission_id, customer_id, idempotency_key, type_id, "
            + "title, fields, ticket_id, conversation_id, created_at) VALUES (:ws, :s.id, :s.customerId, :key, "
            + ":s.typeId, :s.title, :s.fields, :s.ticketId, :s.conversationId, :s.createdAt)")
    void insert(@Bind("ws") String workspaceId, @BindMethods("s") SubmissionRow submission, @Bind("key") String key);
}
