package dev.ticketspace.support;

import dev.ticketspace.api.RefusedBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Requests as a hostile client sends them, over real HTTP: raw bytes as the body, any headers, bodies
 * streamed without a length, or bytes written straight on a socket for what {@link HttpClient} will not
 * send (a malformed escape in the path, a bad {@code Content-Length}). Every request has a time limit: a
 * server that hangs fails the test instead of stalling it. Every response is checked against the
 * {@link ApiContract}.
 */
public final class RawHttp {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /**
     * Bodies over this size are written on a socket of their own, the answer read while they are still
     * being written: the server refuses them without reading them to their end and closes the connection,
     * which would fail a client that only reads once it has sent everything. Smaller ones go as any client
     * sends them, so a server that closed on a refused body it should have read fails the test.
     */
    private static final long LARGE = RefusedBodies.READ_AT_MOST;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RawHttp() {
    }

    /** A response: status, {@code Content-Type} (null when none) and the body's bytes. */
    public record Response(int status, String contentType, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public Api.Reply reply() {
            return new Api.Reply(status, body());
        }

        @Override
        public String toString() {
            String body = body();
            return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    /**
     * A request to the application; {@code body} null sends none; {@code headers} are name, value pairs.
     * The path must be a valid URI (percent-encode what is hostile); see {@link #socket} otherwise.
     */
    public static Response send(Api api, String method, String pathAndQuery, byte[] body, String... headers) {
        if (body != null && body.length > LARGE) {
            String[] headerLines = new String[headers.length / 2 + 1];
            for (int i = 0; i < headers.length; i += 2) {
                headerLines[i / 2] = headers[i] + ": " + headers[i + 1];
            }
            headerLines[headerLines.length - 1] = "Content-Length: " + body.length;
            return socket(api, method + " " + pathAndQuery + " HTTP/1.1", body, headerLines);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery)).timeout(LIMIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /**
     * Posts a body streamed in chunks, without a {@code Content-Length}: {@code prefix}, then {@code filler}
     * until the body is {@code length} bytes long. Nothing that large is ever held in memory.
     */
    public static Response stream(Api api, String path, byte[] prefix, byte filler, long length, String... headers) {
        StringBuilder head = new StringBuilder("POST ").append(path)
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        InputStream body = new Filler(prefix, filler, length);
        return exchange(api, "POST", path, out -> {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            for (int n = body.read(chunk); n > 0; n = body.read(chunk)) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        });
    }

    /** What a request writes on its socket. */
    private interface Writing {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the request on a socket of its own and reads the response. The server may answer and close
     * before the request is all sent: the answer is read while the request is still being written, and the
     * writer stops when the server stops reading.
     */
    private static Response exchange(Api api, String method, String pathAndQuery, Writing request) {
        try (Socket socket = new Socket("localhost", api.app().getLocalPort())) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    request.writeTo(out);
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // it has answered already, or will: the reader gets the answer
                }
            });
            writer.start();
            Response response = parse(socket.getInputStream().readAllBytes());
            writer.join();
            ApiContract.check(api.base(), method, pathAndQuery, response.status(), response.contentType(), response.bytes());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Response send(HttpRequest request) {
        try {
            // No retry: a server that drops the connection, or closes it after an answer without saying so
            // (Connection: close), fails the request here, as it would fail a real client.
            HttpResponse<byte[]> response = ApiContract.checked(HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the request line and headers exactly as given (lines joined with CRLF; {@code Host} and
     * {@code Connection: close} added), then the body, on a socket of its own, and reads the response.
     */
    public static Response socket(Api api, String requestLine, byte[] body, String... headerLines) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        String[] line = requestLine.split(" ", 3);
        return exchange(api, line[0], line.length > 1 ? line[1] : "", out -> {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
        });
    }

    private static Response parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new AssertionError("not an HTTP response: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, lines[i].indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Response(status, contentType, chunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, at);
            String line = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(line.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code prefix}, then {@code filler} up to {@code length} bytes. */
    private static final class Filler extends InputStream {
        private final byte[] prefix;
        private final byte filler;
        private final long length;
        private long position;

        Filler(byte[] prefix, byte filler, long length) {
            this.prefix = prefix;
            this.filler = filler;
            this.length = length;
        }

        @Override
        public int read() {
            if (position >= length) {
                return -1;
            }
            int b = position < prefix.length ? prefix[(int) position] & 0xff : filler & 0xff;
            position++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = position < prefix.length ? prefix[(int) position] : filler;
                position++;
            }
            return n;
        }
    }
}
