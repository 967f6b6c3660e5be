package dev.ticketspace.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real {@code nats-server} with JetStream, a process of the test's own (Debian's package: run
 * .ci/nats-setup), on free ports with a store in a temporary folder, so that a test can stop and start it
 * again on the same port and store. Missing binary: the test fails, never skips.
 */
public final class NatsServer implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nats-server"), Path.of("/usr/bin/nats-server"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path binary;
    private final Path store;
    private final Path log;
    private final int port;
    private final int monitorPort;
    private Process process;

    private NatsServer(Path binary, Path store, int port, int monitorPort) {
        this.binary = binary;
        this.store = store;
        this.log = store.resolveSibling(store.getFileName() + ".log");
        this.port = port;
        this.monitorPort = monitorPort;
    }

    /** Starts a server on free ports, with an empty JetStream store. */
    public static NatsServer start() {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "nats-server is not installed (looked at " + BINARIES + "): run .ci/nats-setup (apt-get install nats-server)"));
        try {
            NatsServer server = new NatsServer(binary, Files.createTempDirectory("nats-store"), freePort(), freePort());
            server.up();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code nats://127.0.0.1:<port>}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Stops the server at once, as a crash would (SIGKILL): what it acknowledged is in its store. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts it again on the same port and store. */
    public void up() {
        try {
            process = new ProcessBuilder(binary.toString(), "-js", "-a", "127.0.0.1", "-p", Integer.toString(port),
                    "-m", Integer.toString(monitorPort), "-sd", store.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!healthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nats-server did not come up on port " + port + "; its log: " + log);
            }
            sleep(50);
        }
    }

    private boolean healthy() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            return false;
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(monitorUrl("/healthz"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A monitoring endpoint's JSON, e.g. {@code /connz?subs=1}. */
    public JsonNode monitor(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(monitorUrl(pathAndQuery)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The subjects each client connection subscribes to, as the server's monitoring reports them. */
    public List<Set<String>> subscriptionsByConnection() {
        JsonNode connections = monitor("/connz?subs=1&limit=1024").path("connections");
        return Stream.iterate(0, i -> i < connections.size(), i -> i + 1).map(connections::get)
                .map(connection -> {
                    Set<String> subjects = new HashSet<>();
                    connection.path("subscriptions_list").forEach(subject -> subjects.add(subject.asText()));
                    return subjects;
                }).toList();
    }

    /** A message JetStream stored: its place in the stream, its subject, the change-log seq it carries. */
    public record Stored(long streamSeq, String subject, long changeSeq) {
    }

    /** Every message the stream holds, in the stream's order, read as a client would (jnats). */
    public List<Stored> stored(String stream) {
        try (Connection connection = Nats.connect(url())) {
            JetStreamManagement management = connection.jetStreamManagement();
            StreamState state = management.getStreamInfo(stream).getStreamState();
            List<Stored> stored = new ArrayList<>();
            for (long seq = state.getFirstSequence(); state.getMsgCount() > 0 && seq <= state.getLastSequence(); seq++) {
                MessageInfo message = management.getMessage(stream, seq);
                stored.add(new Stored(message.getSeq(), message.getSubject(),
                        JSON.readTree(message.getData()).path("seq").asLong()));
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read stream " + stream, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String monitorUrl(String pathAndQuery) {
        return "http://127.0.0.1:" + monitorPort + pathAndQuery;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(store)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.toFile().delete();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
