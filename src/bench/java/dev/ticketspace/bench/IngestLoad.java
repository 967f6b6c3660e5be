package dev.ticketspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ingest: posts batches of 100 events (ten customers' stories of ten events each) to a running service
 * from several threads, then writes the rows those events left in the database again through plain JDBC
 * (every row of every table the service wrote, as it left them, under another workspace), one transaction
 * per batch of 100 events, a statement a row, from as many threads. Prints events/s for both and the ratio.
 * Run with bench/ingest.sh.
 */
public final class IngestLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS_PER_BATCH = 10;
    private static final int EVENTS_PER_CUSTOMER = 10;
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    /** A table the events leave rows in, and the column whose value names the run (after a prefix). */
    private record LeftRows(String table, String runColumn, String prefix) {
    }

    private static final List<LeftRows> LEFT_BY_EVENTS = List.of(
            new LeftRows("applied_events", "event_id", "e-"),
            new LeftRows("customers", "customer_id", ""),
            new LeftRows("conversations", "customer_id", ""),
            new LeftRows("tickets", "customer_id", ""),
            new LeftRows("customer_history", "customer_id", ""),
            new LeftRows("badge_items", "customer_id", ""),
            new LeftRows("state_changes", "customer_id", ""));

    private final String service;
    private final String apiKey;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newHttpClient();

    private IngestLoad(String service, String apiKey, String jdbcUrl, String user, String password) {
        this.service = service;
        this.apiKey = apiKey;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Arguments: service URL, workspace API key, JDBC URL, user, password, batches, threads, run name. */
    public static void main(String[] args) throws Exception {
        IngestLoad load = new IngestLoad(args[0], args[1], args[2], args[3], args[4]);
        int batches = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        String run = args[7];
        Map<String, Long> rowsBefore = load.rowsPerTable();
        double service = load.run(batches, threads, batch -> load.post(run, batch));
        Map<Integer, List<TableRows>> rows = load.rowsLeft(run, rowsBefore);
        if (rows.size() != batches) {
            throw new IllegalStateException("rows left for " + rows.size() + " of " + batches + " batches");
        }
        double jdbc = load.run(batches, threads, batch -> load.insertRows(rows.get(batch)));
        System.out.printf("RESULT service_events_per_s=%.0f jdbc_events_per_s=%.0f ratio=%.3f%n", service, jdbc,
                service / jdbc);
    }

    private interface BatchWriter {
        void write(int batch) throws Exception;
    }

    /** Writes the batches from the threads; answers events per second. */
    private double run(int batches, int threads, BatchWriter writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int batch = 0; batch < batches; batch++) {
                int number = batch;
                done.add(pool.submit(() -> {
                    writer.write(number);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return batches * CUSTOMERS_PER_BATCH * EVENTS_PER_CUSTOMER / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private void post(String run, int batch) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (int n = 0; n < CUSTOMERS_PER_BATCH; n++) {
            story(events, run + "-" + batch + "-" + n);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("events", events);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/workspaces/demo/events"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("batch " + batch + ": " + response.statusCode() + " " + response.body());
        }
        for (JsonNode result : JSON.readTree(response.body()).get("results")) {
            if (!"applied".equals(result.path("status").asText())) {
                throw new IllegalStateException("batch " + batch + ": not applied: " + result);
            }
        }
    }

    /** A customer's ten events: two conversations, two tickets, messages, a state change, a read. */
    private static void story(ArrayNode events, String customer) {
        String first = customer + "-conv1";
        String second = customer + "-conv2";
        event(events, "conversation.created", 0, "conversationId", first, "customerId", customer);
        event(events, "conversation.created", 1, "conversationId", second, "customerId", customer);
        ObjectNode ticket = event(events, "ticket.created", 2, "ticketId", customer + "-t1", "customerId", customer,
                "title", "Printer on fire", "conversationId", first);
        ticket.set("state", state("submitted", "Submitted"));
        ObjectNode other = event(events, "ticket.created", 3, "ticketId", customer + "-t2", "customerId", customer,
                "title", "Refund");
        other.set("state", state("submitted", "Submitted"));
        event(events, "conversation.message_added", 4, "conversationId", first, "messageId", customer + "-m1",
                "author", "customer");
        event(events, "conversation.message_added", 5, "conversationId", first, "messageId", customer + "-m2",
                "author", "teammate");
        event(events, "ticket.state_changed", 6, "ticketId", customer + "-t1").set("state",
                state("in_progress", "In progress"));
        event(events, "conversation.state_changed", 7, "conversationId", second, "state", "closed");
        event(events, "conversation.message_added", 8, "conversationId", second, "messageId", customer + "-m3",
                "author", "teammate");
        event(events, "conversation.read", 9, "conversationId", first);
    }

    private static ObjectNode event(ArrayNode events, String type, int minute, String... fields) {
        ObjectNode event = events.addObject().put("type", type).put("id", "e-" + fields[1] + "-" + minute)
                .put("occurredAt", BASE.plusSeconds(60L * minute).toString());
        for (int i = 0; i < fields.length; i += 2) {
            event.put(fields[i], fields[i + 1]);
        }
        return event;
    }

    private static ObjectNode state(String category, String label) {
        return JSON.createObjectNode().put("category", category).put("label", label);
    }

    /**
     * The rows the service left for the run's stories, as they are now, per batch and table: what plain
     * JDBC writes again under workspace "raw". Fails if a table the service wrote is not among them, so
     * the baseline always writes every row the events leave.
     */
    private Map<Integer, List<TableRows>> rowsLeft(String run, Map<String, Long> rowsBefore) throws SQLException {
        Map<String, Long> rowsAfter = rowsPerTable();
        for (Map.Entry<String, Long> table : rowsAfter.entrySet()) {
            boolean grew = table.getValue() > rowsBefore.getOrDefault(table.getKey(), 0L);
            if (grew && LEFT_BY_EVENTS.stream().noneMatch(left -> left.table().equals(table.getKey()))) {
                throw new IllegalStateException("the service wrote rows to " + table.getKey()
                        + ", which the plain JDBC baseline does not write");
            }
        }
        Map<Integer, List<TableRows>> batches = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (LeftRows left : LEFT_BY_EVENTS) {
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + left.table()
                        + " WHERE workspace_id = 'demo' AND " + left.runColumn() + " LIKE ?")) {
                    select.setString(1, left.prefix() + run + "-%");
                    try (ResultSet result = select.executeQuery()) {
                        List<String> columns = new ArrayList<>();
                        ResultSetMetaData meta = result.getMetaData();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            if (!meta.isAutoIncrement(column)) {
                                columns.add(meta.getColumnName(column));
                            }
                        }
                        Map<Integer, TableRows> byBatch = new HashMap<>();
                        while (result.next()) {
                            Object[] row = new Object[columns.size()];
                            for (int column = 0; column < row.length; column++) {
                                row[column] = columns.get(column).equals("workspace_id") ? "raw"
                                        : result.getObject(columns.get(column));
                            }
                            int batch = batchOf(result.getString(left.runColumn()), left.prefix() + run);
                            byBatch.computeIfAbsent(batch, b -> new TableRows(left.table(), columns, new ArrayList<>()))
                                    .rows().add(row);
                        }
                        byBatch.forEach((batch, rows) -> batches.computeIfAbsent(batch, b -> new ArrayList<>()).add(rows));
                    }
                }
            }
        }
        return batches;
    }

    /** Rows in each table that has a workspace: to tell which tables the service wrote. */
    private Map<String, Long> rowsPerTable() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             ResultSet tables = connection.createStatement().executeQuery("SELECT table_name FROM "
                     + "information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'workspace_id'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (ResultSet count = connection.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM " + table + " WHERE workspace_id = 'demo'")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The batch a row belongs to, from an id that starts with the run's prefix and the batch number. */
    private static int batchOf(String id, String prefix) {
        String rest = id.substring(prefix.length() + 1);
        return Integer.parseInt(rest.substring(0, rest.indexOf('-')));
    }

    /** One batch's rows of one table. */
    private record TableRows(String table, List<String> columns, List<Object[]> rows) {
    }

    /** The batch's rows, as the service left them, written in one transaction, a statement a row. */
    private void insertRows(List<TableRows> batch) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            for (TableRows table : batch) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.table() + " ("
                        + String.join(", ", table.columns()) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")")) {
                    for (Object[] row : table.rows()) {
                        for (int i = 0; i < row.length; i++) {
                            insert.setObject(i + 1, row[i]);
                        }
                        insert.executeUpdate();
                    }
                }
            }
            connection.commit();
        }
    }
}
