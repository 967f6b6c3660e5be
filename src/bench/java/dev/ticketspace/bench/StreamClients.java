package dev.ticketspace.bench;

import dev.ticketspace.auth.CustomerTokens;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One process of the streams benchmark's clients: holds streams {@code from} to {@code to - 1} of
 * {@code GET /api/v1/messenger/stream}, stream {@code i} for customer {@code sample-(i % customers + 1)}, to
 * the base URLs in turn (several addresses of one replica give more than one port range's worth of
 * sockets). Opens them all at once when stdin says {@code open}; prints {@code S stream version micros} for
 * every state event (micros since the epoch: the processes share the machine's clock), {@code E stream
 * reason} for a stream that ended, and {@code OPENED} once every stream had its first state event. Run by
 * {@link StreamsBench}; the demo messenger secret comes from {@code DEMO_MESSENGER_SECRET}.
 */
public final class StreamClients {
    private final List<String> bases;
    private final int customers;
    private final CustomerTokens tokens;
    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    // the JDK client's own default executor grows a thread per busy connection
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2)).build();

    private StreamClients(List<String> bases, int customers, String secret) {
        this.bases = bases;
        this.customers = customers;
        this.tokens = new CustomerTokens(new Workspaces(List.of(new Workspace("demo", "unused", secret))),
                Duration.ofHours(2), Clock.systemUTC());
    }

    /** Arguments: base URLs (comma-separated), customers, from, to. */
    public static void main(String[] args) throws Exception {
        StreamClients clients = new StreamClients(List.of(args[0].split(",")), Integer.parseInt(args[1]),
                System.getenv().getOrDefault("DEMO_MESSENGER_SECRET", "demo-messenger-secret-change-me-0123456789"));
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        Executors.newSingleThreadScheduledExecutor().scheduleWithFixedDelay(clients::flush, 20, 20, TimeUnit.MILLISECONDS);
        clients.print("READY");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals("open")) {
                clients.open(from, to);
            }
        }
        System.exit(0);
    }

    private void open(int from, int to) {
        int[] waiting = {to - from};
        for (int stream = from; stream < to; stream++) {
            String customer = "sample-" + (stream % customers + 1);
            HttpRequest request = HttpRequest.newBuilder(URI.create(bases.get(stream % bases.size()) + "/api/v1/messenger/stream"))
                    .header("Authorization", "Bearer " + tokens.mint("demo", customer, Duration.ofHours(2))).build();
            int id = stream;
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(id, () -> {
                synchronized (waiting) {
                    if (--waiting[0] == 0) {
                        print("OPENED");
                    }
                }
            }))).whenComplete((response, failure) -> print("E " + id + " "
                    + (failure != null ? failure.getClass().getSimpleName() : "status-" + response.statusCode())));
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    private void flush() {
        synchronized (out) {
            out.flush();
        }
    }

    /** A stream's lines: every {@code id:} line is a state event's (only those carry an id). */
    private final class Lines implements Flow.Subscriber<String> {
        private final int stream;
        private final Runnable first;
        private boolean seen;

        Lines(int stream, Runnable first) {
            this.stream = stream;
            this.first = first;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                Instant now = Instant.now();
                print("S " + stream + " " + line.substring(3).trim() + " " + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1000));
                if (!seen) {
                    seen = true;
                    first.run();
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
