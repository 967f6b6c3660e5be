package dev.ticketspace.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Events;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * One {@code GET /api/v1/messenger/stream} read over real HTTP with {@link HttpClient}. The body is
 * parsed as Server-Sent Events ({@code event:}, {@code id:}, {@code data:} lines, a blank line ends an
 * event, {@code :} lines are comments) as it arrives, without a thread of its own: lines come through
 * {@link HttpResponse.BodyHandlers#fromLineSubscriber}. A gzip-encoded body (should the server compress
 * the stream) is inflated on a reader thread instead, so that such a stream is still read correctly and
 * only its timing tells whether compression held events back. The response is checked against the
 * {@link ApiContract}: its status and content type as soon as they are asked for, the body of one that ends.
 */
public final class SseStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Something that arrived on the stream: an event or a comment. */
    public sealed interface Item permits Event, Comment {
    }

    /** A dispatched event; {@code name} is {@code message} when no {@code event:} line came. */
    public record Event(String name, String id, String data) implements Item {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("event data is not JSON: " + data, e);
            }
        }

        public long version() {
            return json().get("version").asLong();
        }

        /** The badge of a space in the state, -1 if the space is missing. */
        int badge(String space) {
            for (JsonNode node : json().get("spaces")) {
                if (node.get("id").asText().equals(space)) {
                    return node.get("badge").asInt();
                }
            }
            return -1;
        }

        boolean visible(String space) {
            for (JsonNode node : json().get("spaces")) {
                if (node.get("id").asText().equals(space)) {
                    return node.get("visible").asBoolean();
                }
            }
            return false;
        }
    }

    public record Comment(String text) implements Item {
    }

    /** Status line and headers, known as soon as the response head arrives. */
    record Head(int status, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final CompletableFuture<Head> head = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> exchange;
    private final URI uri;
    private volatile Flow.Subscription subscription;
    private volatile InputStream inflating;
    private volatile boolean closed;

    // the event being read; lines of one stream arrive in order, one at a time
    private String eventName;
    private String eventId;
    private StringBuilder eventData;

    private SseStream(HttpClient client, HttpRequest request) {
        uri = request.uri();
        exchange = client.sendAsync(request, this::subscriber);
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                head.completeExceptionally(failure);
                ended.completeExceptionally(failure);
            }
        });
    }

    /** Opens a stream; {@code token} and {@code lastEventId} may be null (no such header). */
    public static SseStream open(HttpClient client, String baseUrl, String token, String lastEventId, boolean acceptGzip) {
        HttpRequest.Builder request = request(baseUrl + "/api/v1/messenger/stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (acceptGzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return new SseStream(client, request.build());
    }

    public static SseStream open(HttpClient client, String baseUrl, String token) {
        return open(client, baseUrl, token, null, false);
    }

    /** Opens a stream as a browser's EventSource does, which sends no headers: with a stream ticket in the URL. */
    public static SseStream openWithTicket(HttpClient client, String baseUrl, String ticket) {
        return new SseStream(client, request(baseUrl + "/api/v1/messenger/stream?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8)).build());
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
    }

    /** An HTTP/1.1 client (one connection per stream, as browsers' EventSource uses). */
    public static HttpClient httpClient(java.util.concurrent.Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (executor != null) {
            builder.executor(executor);
        }
        return builder.build();
    }

    /**
     * Takes the first-use costs of an application (rules, JIT, class loading of the event and stream
     * paths) outside the timed tests: applies an event, reads a state and a stream once.
     */
    public static void warmUp(HttpClient client, Api api) {
        String customer = Api.id("warm-up");
        api.apply(Events.ticketCreated(Api.id("t"), customer, null, 0));
        api.state(customer);
        try (SseStream stream = open(client, api.base(), api.token(customer))) {
            stream.expectEvent(Duration.ofSeconds(60));
        }
    }

    private BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info) {
        head.complete(new Head(info.statusCode(), info.headers()));
        if (info.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false)) {
            return BodySubscribers.mapping(BodySubscribers.ofInputStream(), in -> {
                inflating = in;
                Thread reader = new Thread(() -> readGzip(in), "sse-gzip-reader");
                reader.setDaemon(true);
                reader.start();
                return null;
            });
        }
        return BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (closed) {
                    s.cancel();
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(String line) {
                line(line);
            }

            @Override
            public void onError(Throwable failure) {
                ended.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                ended.complete(null);
            }
        });
    }

    private void readGzip(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line(line);
            }
            ended.complete(null);
        } catch (IOException | RuntimeException e) {
            ended.completeExceptionally(e);
        }
    }

    private synchronized void line(String line) {
        lines.add(line);
        if (line.isEmpty()) {
            if (eventData != null) {
                items.add(new Event(eventName == null ? "message" : eventName, eventId, eventData.toString()));
            }
            eventName = null;
            eventId = null;
            eventData = null;
            return;
        }
        if (line.startsWith(":")) {
            items.add(new Comment(line.substring(1).strip()));
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventName = value;
            case "id" -> eventId = value;
            case "data" -> eventData = eventData == null ? new StringBuilder(value) : eventData.append('\n').append(value);
            default -> {
                // retry and unknown fields are not used here
            }
        }
    }

    /** The response head, waiting for it up to 5 s. */
    Head head() {
        try {
            Head known = head.get(5, TimeUnit.SECONDS);
            checkContract(known, null);
            return known;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no response head within 5 s", e);
        }
    }

    public int status() {
        return head().status();
    }

    /** The whole body of a response that ends (an error response), waiting for it up to 5 s. */
    String body() {
        try {
            ended.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the response did not end within 5 s; lines so far: " + lines, e);
        }
        String body = String.join("\n", lines);
        checkContract(head(), body.getBytes(StandardCharsets.UTF_8));
        return body;
    }

    private void checkContract(Head known, byte[] body) {
        ApiContract.check(uri.getScheme() + "://" + uri.getRawAuthority(), "GET", uri.getRawPath(), known.status(),
                known.header("Content-Type"), body);
    }

    JsonNode jsonBody() {
        try {
            return JSON.readTree(body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + lines, e);
        }
    }

    /** The next event within the timeout, skipping comments; null if none came. */
    public Event nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                Item item = items.poll(left, TimeUnit.NANOSECONDS);
                if (item == null) {
                    return null;
                }
                if (item instanceof Event event) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next event, failing the test if none comes within the timeout. */
    public Event expectEvent(Duration timeout) {
        Event event = nextEvent(timeout);
        if (event == null) {
            throw new AssertionError("no event within " + timeout.toMillis() + " ms; lines so far: " + lines);
        }
        return event;
    }

    /** Everything that arrives during the given time. */
    public List<Item> collect(Duration during) {
        List<Item> collected = new ArrayList<>();
        long deadline = System.nanoTime() + during.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return collected;
                }
                Item item = items.poll(left, TimeUnit.NANOSECONDS);
                if (item != null) {
                    collected.add(item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Drops the connection (the client goes away); never blocks. */
    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        InputStream in = inflating;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        exchange.cancel(true);
    }
}
