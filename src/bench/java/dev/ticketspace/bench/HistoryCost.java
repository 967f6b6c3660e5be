package dev.ticketspace.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What a customer's history costs: an uncached state read and a one-event post for a customer with a few
 * tickets and for one with many, interleaved in one run against one server (its view cache off). The
 * warm-up is work: every call measured is made a number of times first.
 * <p>
 * Arguments: base URL, back-office API key, small ticket count, large ticket count, measured rounds.
 * Prints one RESULT line.
 */
public final class HistoryCost {
    private static final int BATCH = 500;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String apiKey;
    private long eventNumber;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    private HistoryCost(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    public static void main(String[] args) throws Exception {
        HistoryCost bench = new HistoryCost(args[0], args[1]);
        int small = Integer.parseInt(args[2]);
        int large = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String smallCustomer = "history-" + small;
        String largeCustomer = "history-" + large;
        bench.seed(smallCustomer, small);
        bench.seed(largeCustomer, large);
        bench.measure(smallCustomer, largeCustomer, small, large, rounds / 2);
        long[][] figures = bench.measure(smallCustomer, largeCustomer, small, large, rounds);
        System.out.printf(Locale.ROOT, "RESULT small=%d large=%d read_small_ms=%.2f read_large_ms=%.2f read_ratio=%.2f "
                        + "post_small_ms=%.2f post_large_ms=%.2f post_ratio=%.2f%n", small, large,
                median(figures[0]), median(figures[1]), median(figures[1]) / median(figures[0]),
                median(figures[2]), median(figures[3]), median(figures[3]) / median(figures[2]));
    }

    private void seed(String customer, int tickets) throws Exception {
        for (int from = 0; from < tickets; from += BATCH) {
            StringJoiner events = new StringJoiner(",");
            for (int i = from; i < Math.min(tickets, from + BATCH); i++) {
                events.add(ticketCreated(customer, i));
            }
            post(events.toString());
        }
    }

    /** Per round: read small, read large, post to small, post to large; nanoseconds, by kind. */
    private long[][] measure(String small, String large, int smallTickets, int largeTickets, int rounds)
            throws Exception {
        long[][] figures = new long[4][rounds];
        for (int round = 0; round < rounds; round++) {
            String smallEvent = stateChanged(small, round % smallTickets);
            String largeEvent = stateChanged(large, round % largeTickets);
            figures[0][round] = timed(() -> read(small));
            figures[1][round] = timed(() -> read(large));
            figures[2][round] = timed(() -> post(smallEvent));
            figures[3][round] = timed(() -> post(largeEvent));
        }
        return figures;
    }

    private String ticketCreated(String customer, int i) {
        return "{\"type\":\"ticket.created\",\"id\":\"" + nextId() + "\",\"occurredAt\":\"" + nextTime()
                + "\",\"ticketId\":\"" + customer + "-t" + i + "\",\"customerId\":\"" + customer
                + "\",\"title\":\"Ticket " + i + "\",\"state\":{\"category\":\"submitted\",\"label\":\"Submitted\"}}";
    }

    private String stateChanged(String customer, int i) {
        String category = eventNumber % 2 == 0 ? "in_progress" : "waiting_on_customer";
        return "{\"type\":\"ticket.state_changed\",\"id\":\"" + nextId() + "\",\"occurredAt\":\"" + nextTime()
                + "\",\"ticketId\":\"" + customer + "-t" + i + "\",\"state\":{\"category\":\"" + category
                + "\",\"label\":\"" + category + "\"}}";
    }

    private String nextId() {
        return "history-e" + (++eventNumber);
    }

    private String nextTime() {
        clock = clock.plusMillis(1);
        return clock.toString();
    }

    private void read(String customer) throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/demo/customers/" + customer + "/messenger"))
                .GET());
    }

    private void post(String events) throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/demo/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + events + "]}")));
    }

    private void send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + apiKey).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"rejected\"")) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
