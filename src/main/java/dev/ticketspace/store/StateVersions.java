package dev.ticketspace.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;

/**
 * The version of what a customer sees: their own version plus their workspace's settings version. Both
 * only grow, so the sum changes with every change to either. Looked up on every read served from the
 * view cache, where this one primary-key query is all the database work: it runs on plain JDBC because
 * Jdbi's per-handle and per-statement set-up (copies of its configuration, statement logging) measured
 * several times the query itself.
 */
public final class StateVersions {
    private static final String SQL = "SELECT COALESCE((SELECT version FROM customers WHERE workspace_id = ? "
            + "AND customer_id = ?), 0) + COALESCE((SELECT version FROM messenger_settings WHERE workspace_id = ?), 0)";

    private final DataSource dataSource;

    public StateVersions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long current(String workspaceId, String customerId) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, workspaceId);
            statement.setString(2, customerId);
            statement.setString(3, workspaceId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the state version of customer " + customerId, e);
        }
    }
}
