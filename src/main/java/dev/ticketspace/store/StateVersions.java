package dev.ticketspace.store;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;

/**
 * The version of what a customer sees: their own version plus their workspace's settings version. Both
 * only grow, so the sum changes with every change to either. Looked up on every read served from the
 * view cache, where it is all the database work. The look-ups of concurrent reads are made together: a
 * thread of its own takes every look-up waiting and answers them with one query per workspace, so that
 * under load a query answers many reads, while a lone read waits only for its own query. A look-up is
 * answered by a query begun after it was asked, so it sees every change committed before the read came.
 * The queries run on plain JDBC because Jdbi's per-handle and per-statement set-up (copies of its
 * configuration, statement logging) measured several times the query itself.
 */
public final class StateVersions implements Managed {
    /** Look-ups answered by one query, at most. */
    private static final int MAX_BATCH = 128;
    /** The longest a read waits for its answer: the pool's wait and the socket timeout are 2 s each. */
    private static final long MAX_WAIT_SECONDS = 10;

    private final DataSource dataSource;
    private final BlockingQueue<Lookup> waiting = new LinkedBlockingQueue<>();
    private final Map<Integer, String> sqlBySize = new HashMap<>();
    private Thread batcher;

    public StateVersions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Lookup(String workspaceId, String customerId, CompletableFuture<Long> version) {
    }

    @Override
    public synchronized void start() {
        batcher = new Thread(this::answerLookups, "state-versions");
        batcher.setDaemon(true);
        batcher.start();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        batcher.interrupt();
        batcher.join();
        List<Lookup> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(lookup -> lookup.version().completeExceptionally(new IllegalStateException("stopped")));
    }

    public long current(String workspaceId, String customerId) {
        Lookup lookup = new Lookup(workspaceId, customerId, new CompletableFuture<>());
        waiting.add(lookup);
        try {
            return lookup.version().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no state version of customer " + customerId + " after "
                    + MAX_WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted looking up the state version of customer " + customerId, e);
        }
    }

    private void answerLookups() {
        List<Lookup> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            try {
                answer(batch);
            } catch (Throwable e) {
                // Told to the reads waiting; the thread goes on with the next look-ups.
                batch.forEach(lookup -> lookup.version().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void answer(List<Lookup> batch) {
        Map<String, List<Lookup>> byWorkspace = new LinkedHashMap<>();
        batch.forEach(lookup -> byWorkspace.computeIfAbsent(lookup.workspaceId(), ws -> new ArrayList<>()).add(lookup));
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
        try (connection) {
            for (Map.Entry<String, List<Lookup>> workspace : byWorkspace.entrySet()) {
                answer(connection, workspace.getKey(), workspace.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the state versions of " + batch.size() + " customers", e);
        }
    }

    /** Answers one workspace's look-ups with one query: its customers' versions, and its settings version. */
    private void answer(Connection connection, String workspaceId, List<Lookup> lookups) throws SQLException {
        List<String> customerIds = lookups.stream().map(Lookup::customerId).distinct().toList();
        // Padded to a power of two with the last id again, so that a few statement shapes serve every size.
        int size = Integer.highestOneBit(customerIds.size() * 2 - 1);
        Map<String, Long> versions = new HashMap<>();
        long settingsVersion = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql(size))) {
            statement.setString(1, workspaceId);
            for (int i = 0; i < size; i++) {
                statement.setString(2 + i, customerIds.get(Math.min(i, customerIds.size() - 1)));
            }
            statement.setString(2 + size, workspaceId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String customerId = result.getString(1);
                    if (customerId == null) {
                        settingsVersion = result.getLong(2);
                    } else {
                        versions.put(customerId, result.getLong(2));
                    }
                }
            }
        }
        for (Lookup lookup : lookups) {
            lookup.version().complete(versions.getOrDefault(lookup.customerId(), 0L) + settingsVersion);
        }
    }

    private String sql(int size) {
        return sqlBySize.computeIfAbsent(size, n -> "SELECT customer_id, version FROM customers WHERE workspace_id = ? "
                + "AND customer_id IN (" + String.join(", ", Collections.nCopies(n, "?")) + ") "
                + "UNION ALL SELECT NULL, version FROM messenger_settings WHERE workspace_id = ?");
    }
}
