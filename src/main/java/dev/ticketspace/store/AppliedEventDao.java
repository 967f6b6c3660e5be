package dev.ticketspace.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The ids of applied events, which make each event apply at most once within the idempotency window. */
public interface AppliedEventDao {
    /**
     * Records the event id; 0 rows means it was applied before. A concurrent transaction recording the
     * same id makes this wait for it and then see its outcome.
     */
    @SqlUpdate("INSERT IGNORE INTO applied_events (workspace_id, event_id, event_type, occurred_at, applied_at) "
            + "VALUES (:ws, :id, :type, :occurredAt, :appliedAt)")
    int record(@Bind("ws") String workspaceId, @Bind("id") String eventId, @Bind("type") String type,
               @Bind("occurredAt") Instant occurredAt, @Bind("appliedAt") Instant appliedAt);

    /**
     * Records the ids of several events in one statement; answers how many were new. Fewer than given
     * means one was applied before, recorded by a concurrent transaction (after waiting for its outcome),
     * or given twice.
     */
    @SqlUpdate("INSERT IGNORE INTO applied_events (workspace_id, event_id, event_type, occurred_at, applied_at) "
            + "VALUES <events>")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    int recordAll(@BindMethodsList(value = "events",
            methodNames = {"workspaceId", "eventId", "type", "occurredAt", "appliedAt"}) List<AppliedEvent> events);

    /** Forgets recorded ids of events that were not applied after all. */
    @SqlUpdate("DELETE FROM applied_events WHERE workspace_id = :ws AND event_id IN (<ids>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    void forget(@Bind("ws") String workspaceId, @BindList("ids") Collection<String> eventIds);

    /** Forgets at most {@code limit} ids recorded before the given time; answers how many. */
    @SqlUpdate("DELETE FROM applied_events WHERE applied_at < :before LIMIT :limit")
    int prune(@Bind("before") Instant before, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM applied_events WHERE workspace_id = :ws AND event_id = :id")
    int count(@Bind("ws") String workspaceId, @Bind("id") String eventId);
}
