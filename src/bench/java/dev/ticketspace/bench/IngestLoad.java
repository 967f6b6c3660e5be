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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ingest: posts batches of 100 events (ten customers' stories of ten events each) to a running service
 * from several threads, then writes the rows those events leave in the database through plain JDBC, one
 * transaction per batch of 100 events, from as many threads. Prints events/s for both and the ratio.
 * Run with bench/ingest.sh.
 */
public final class IngestLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS_PER_BATCH = 10;
    private static final int EVENTS_PER_CUSTOMER = 10;
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

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
        double service = load.run(batches, threads, batch -> load.post(run, batch));
        double jdbc = load.run(batches, threads, batch -> load.insertRows(run, batch));
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

    /** The rows the service leaves for the batch's stories, written in one transaction (workspace "raw"). */
    private void insertRows(String run, int batch) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            try (PreparedStatement applied = connection.prepareStatement("INSERT INTO applied_events "
                    + "(workspace_id, event_id, event_type, occurred_at, applied_at) VALUES ('raw', ?, ?, ?, ?)");
                 PreparedStatement customers = connection.prepareStatement(
                         "INSERT INTO customers (workspace_id, customer_id, version) VALUES ('raw', ?, 10)");
                 PreparedStatement conversations = connection.prepareStatement("INSERT INTO conversations "
                         + "(workspace_id, conversation_id, customer_id, state, message_count, last_message_at, "
                         + "last_teammate_message_at, customer_read_at, created_at, state_changed_at) "
                         + "VALUES ('raw', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement tickets = connection.prepareStatement("INSERT INTO tickets (workspace_id, "
                         + "ticket_id, customer_id, title, category, label, shared, conversation_id, "
                         + "shared_conversation_id, created_at, state_changed_at, sharing_changed_at, "
                         + "last_activity_at, notified_at, read_at, card_activity_at) "
                         + "VALUES ('raw', ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement changes = connection.prepareStatement("INSERT INTO state_changes "
                         + "(workspace_id, customer_id, version, changed_at) VALUES ('raw', ?, ?, ?)")) {
                for (int n = 0; n < CUSTOMERS_PER_BATCH; n++) {
                    String customer = run + "-" + batch + "-" + n;
                    for (int minute = 0; minute < EVENTS_PER_CUSTOMER; minute++) {
                        execute(applied, "e-" + customer + "-" + minute, "event", at(minute), now);
                        execute(changes, customer, minute + 1, now);
                    }
                    execute(customers, customer);
                    execute(conversations, customer + "-conv1", customer, "open", 2, at(5), at(5), at(9), at(0), at(0));
                    execute(conversations, customer + "-conv2", customer, "closed", 1, at(8), at(8), null, at(1), at(7));
                    execute(tickets, customer + "-t1", customer, "Printer on fire", "in_progress", "In progress",
                            customer + "-conv1", customer + "-conv1", at(2), at(6), at(2), at(6), at(6), at(9), at(5));
                    execute(tickets, customer + "-t2", customer, "Refund", "submitted", "Submitted", null, null,
                            at(3), at(3), at(3), at(3), at(3), null, at(3));
                }
            }
            connection.commit();
        }
    }

    private static void execute(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.executeUpdate();
    }

    private static Timestamp at(int minute) {
        return Timestamp.from(BASE.plusSeconds(60L * minute));
    }
}
