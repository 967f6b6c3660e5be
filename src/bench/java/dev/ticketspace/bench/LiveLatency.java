package dev.ticketspace.bench;

import dev.ticketspace.auth.CustomerTokens;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Live: customers each hold an event stream open on replica B while their changes are posted to
 * replica A; measures from the event's acceptance (A's 200 arriving) to the {@code state} event with the
 * new version arriving from B (0 when it came first), and from sending the event. Prints p50, p99 and
 * max of both. Run with bench/live.sh.
 */
public final class LiveLatency {
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String replicaB;
    private final EventPosts posts;
    private final CustomerTokens tokens;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private LiveLatency(String replicaA, String replicaB, String apiKey, String messengerSecret) {
        this.replicaB = replicaB;
        this.posts = new EventPosts(http, replicaA, apiKey);
        this.tokens = new CustomerTokens(new Workspaces(List.of(new Workspace("demo", apiKey, messengerSecret))),
                Duration.ofHours(1), Clock.systemUTC());
    }

    /** Arguments: replica A URL, replica B URL, demo API key, demo messenger secret, customers, changes. */
    public static void main(String[] args) throws Exception {
        LiveLatency live = new LiveLatency(args[0], args[1], args[2], args[3]);
        int customers = Integer.parseInt(args[4]);
        int changes = Integer.parseInt(args[5]);
        List<long[]> measured;
        try {
            measured = live.measure(customers, changes / customers);
        } catch (Exception e) {
            // The customers' threads would keep the JVM alive, and the benchmark waiting, after a failure.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        List<Long> fromAccepted = new ArrayList<>(measured.stream().map(m -> m[0]).sorted().toList());
        List<Long> fromSent = new ArrayList<>(measured.stream().map(m -> m[1]).sorted().toList());
        System.out.printf("RESULT changes=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f sent_p50_ms=%.1f sent_p99_ms=%.1f%n",
                measured.size(), percentile(fromAccepted, 50) / 1e6, percentile(fromAccepted, 99) / 1e6,
                fromAccepted.get(fromAccepted.size() - 1) / 1e6, percentile(fromSent, 50) / 1e6,
                percentile(fromSent, 99) / 1e6);
        System.exit(0);
    }

    /** Per change: nanoseconds from acceptance, and from sending, to the state event. */
    private List<long[]> measure(int customers, int changesEach) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * customers);
        List<Future<List<long[]>>> results = new ArrayList<>();
        for (int n = 0; n < customers; n++) {
            String customer = "live-" + run + "-" + n;
            results.add(threads.submit(() -> customer(customer, changesEach, threads)));
        }
        List<long[]> latencies = new ArrayList<>();
        for (Future<List<long[]>> result : results) {
            latencies.addAll(result.get());
        }
        threads.shutdownNow();
        return latencies;
    }

    /** One customer: a conversation, a stream on B, then changes posted to A one after the other. */
    private List<long[]> customer(String customer, int changes, ExecutorService threads) throws Exception {
        String conversation = customer + "-conv";
        posts.post(EventPosts.event("conversation.created", "\"conversationId\": \"" + conversation + "\", \"customerId\": \"" + customer + "\""));
        BlockingQueue<long[]> versions = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(replicaB + "/api/v1/messenger/stream"))
                .header("Authorization", "Bearer " + tokens.mint("demo", customer, Duration.ofHours(1))).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("stream: " + stream.statusCode());
        }
        threads.submit(() -> stream.body().filter(line -> line.startsWith("id:"))
                .forEach(line -> versions.add(new long[] {Long.parseLong(line.substring(3).trim()), System.nanoTime()})));
        long version = next(versions, -1)[0];
        List<long[]> latencies = new ArrayList<>(changes);
        for (int i = 0; i < changes; i++) {
            long sent = System.nanoTime();
            posts.post(EventPosts.event("conversation.message_added", "\"conversationId\": \"" + conversation
                    + "\", \"messageId\": \"m-" + UUID.randomUUID() + "\", \"author\": \"teammate\""));
            long accepted = System.nanoTime();
            long[] seen = next(versions, version);
            latencies.add(new long[] {Math.max(0, seen[1] - accepted), seen[1] - sent});
            version = seen[0];
        }
        return latencies;
    }

    /** The first state event with a version above {@code after}. */
    private static long[] next(BlockingQueue<long[]> versions, long after) throws InterruptedException {
        while (true) {
            long[] seen = versions.poll(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS);
            if (seen == null) {
                throw new IllegalStateException("no state event within " + GIVE_UP);
            }
            if (seen[0] > after) {
                return seen;
            }
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
