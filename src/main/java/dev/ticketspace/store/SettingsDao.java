package dev.ticketspace.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Messenger settings per workspace. */
public interface SettingsDao {
    @SqlQuery("SELECT home_apps, version FROM messenger_settings WHERE workspace_id = :ws")
    Optional<SettingsRow> find(@Bind("ws") String workspaceId);

    /** Creates the row with the defaults if need be and holds its exclusive lock until the transaction ends. */
    @SqlUpdate("INSERT INTO messenger_settings (workspace_id, home_apps, version) VALUES (:ws, :apps, 0) "
            + "ON DUPLICATE KEY UPDATE version = version")
    void lock(@Bind("ws") String workspaceId, @Bind("apps") String defaultHomeApps);

    @SqlUpdate("UPDATE messenger_settings SET version = version + 1 WHERE workspace_id = :ws")
    void bumpVersion(@Bind("ws") String workspaceId);

    @SqlUpdate("UPDATE messenger_settings SET home_apps = :apps, version = version + 1 WHERE workspace_id = :ws")
    void update(@Bind("ws") String workspaceId, @Bind("apps") String homeApps);
}
