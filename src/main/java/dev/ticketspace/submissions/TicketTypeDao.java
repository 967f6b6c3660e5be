package dev.ticketspace.submissions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Ticket types, stored as JSON definitions. */
public interface TicketTypeDao {
    /** A stored type. */
    record Row(String id, String definition) {
    }

    @SqlQuery("SELECT definition FROM ticket_types WHERE workspace_id = :ws AND type_id = :id")
    Optional<String> definition(@Bind("ws") String workspaceId, @Bind("id") String typeId);

    @SqlQuery("SELECT type_id AS id, definition FROM ticket_types WHERE workspace_id = :ws ORDER BY type_id")
    @RegisterConstructorMapper(Row.class)
    List<Row> all(@Bind("ws") String workspaceId);

    /** For update: the count of types and a change of one are then consistent. */
    @SqlQuery("SELECT type_id FROM ticket_types WHERE workspace_id = :ws FOR UPDATE")
    List<String> idsForUpdate(@Bind("ws") String workspaceId);

    @SqlUpdate("INSERT INTO ticket_types (workspace_id, type_id, definition, updated_at) VALUES (:ws, :id, :definition, :at)")
    void insert(@Bind("ws") String workspaceId, @Bind("id") String typeId, @Bind("definition") String definition,
                @Bind("at") Instant at);

    @SqlUpdate("UPDATE ticket_types SET definition = :definition, updated_at = :at WHERE workspace_id = :ws AND type_id = :id")
    void update(@Bind("ws") String workspaceId, @Bind("id") String typeId, @Bind("definition") String definition,
                @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM ticket_types WHERE workspace_id = :ws AND type_id = :id")
    int delete(@Bind("ws") String workspaceId, @Bind("id") String typeId);
}
