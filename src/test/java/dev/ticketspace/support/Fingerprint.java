package dev.ticketspace.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A snapshot of the whole database behind an application, to show that requests changed nothing: every
 * row of customers, tickets, conversations, applied_events and messenger_settings (of every workspace, so
 * a request that reaches another workspace than it names is caught too), and the change log's position.
 * The change log is pruned in the background, so of it only rows added since the snapshot count.
 */
public final class Fingerprint {
    /** Each table and the order its rows are read in. */
    private static final Map<String, String> TABLES = Map.of(
            "customers", "workspace_id, customer_id",
            "tickets", "workspace_id, ticket_id",
            "conversations", "workspace_id, conversation_id",
            "applied_events", "workspace_id, event_id",
            "messenger_settings", "workspace_id");

    private final Jdbi jdbi;
    private final Map<String, String> tables;
    private final long lastChange;

    private Fingerprint(Jdbi jdbi, Map<String, String> tables, long lastChange) {
        this.jdbi = jdbi;
        this.tables = tables;
        this.lastChange = lastChange;
    }

    /** The database of the backend's shared application, now. */
    public static Fingerprint of(Backend backend) {
        return of(Db.of(backend));
    }

    public static Fingerprint of(Jdbi jdbi) {
        return jdbi.withHandle(handle -> new Fingerprint(jdbi, digests(handle),
                handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM state_changes").mapTo(Long.class).one()));
    }

    /** What changed since the snapshot, one line per table; empty when nothing did. */
    public List<String> changes() {
        return jdbi.withHandle(handle -> {
            List<String> changes = new ArrayList<>();
            digests(handle).forEach((table, digest) -> {
                if (!digest.equals(tables.get(table))) {
                    changes.add(table + ": " + tables.get(table) + " -> " + digest);
                }
            });
            int logged = handle.createQuery("SELECT COUNT(*) FROM state_changes WHERE seq > :seq")
                    .bind("seq", lastChange).mapTo(Integer.class).one();
            if (logged > 0) {
                changes.add("state_changes: " + logged + " new rows");
            }
            return changes;
        });
    }

    /** Fails, saying what changed and after what, unless the database is as it was at the snapshot. */
    public void assertUnchanged(String after) {
        List<String> changes = changes();
        if (!changes.isEmpty()) {
            throw new AssertionError("the database changed after " + after + ": " + changes);
        }
    }

    private static Map<String, String> digests(Handle handle) {
        Map<String, String> digests = new LinkedHashMap<>();
        TABLES.keySet().stream().sorted().forEach(table -> {
            MessageDigest digest = sha256();
            int[] rows = {0};
            handle.createQuery("SELECT * FROM " + table + " ORDER BY " + TABLES.get(table)).mapToMap()
                    .forEach(row -> {
                        rows[0]++;
                        row.forEach((column, value) -> digest.update(
                                (column + "=" + value + "\u0001").getBytes(StandardCharsets.UTF_8)));
                        digest.update((byte) '\n');
                    });
            digests.put(table, rows[0] + " rows " + HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        });
        return digests;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
