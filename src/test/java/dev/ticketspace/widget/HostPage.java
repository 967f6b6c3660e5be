package dev.ticketspace.widget;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A company's web page on its own origin (another port than the API), as in production: it loads the
 * widget from the service and boots it with a token. Pages are registered by path before they are opened.
 */
final class HostPage implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    HostPage() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", page == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** {@code http://localhost:<port>}: not the API's origin, which differs by port. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /**
     * Serves at the path a page that boots the widget for the {@code demo} workspace from the API at
     * {@code apiBase}; {@code tokenScript} is the JavaScript expression given as {@code token} (a string
     * literal or an async function).
     */
    String boot(String path, String apiBase, String tokenScript) {
        return boot(path, apiBase, "demo", tokenScript);
    }

    /** The same for another workspace. */
    String boot(String path, String apiBase, String workspaceId, String tokenScript) {
        pages.put(path, """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Shop</title>
                <style>body { font: 16px serif; } button { all: unset; color: red; } h1, div { display: inline; }</style>
                </head><body><h1>A shop</h1>
                <script src="%1$s/widget/ticketspace.js"></script>
                <script>
                  window.tokenCalls = 0;
                  window.messenger = Ticketspace.boot({apiBase: '%1$s', workspaceId: '%3$s', token: %2$s});
                </script>
                </body></html>
                """.formatted(apiBase, tokenScript, workspaceId));
        return origin() + path;
    }

    /** A string literal for a token. */
    static String literal(String token) {
        return "'" + token + "'";
    }

    /** An async function answering {@code first} on its first call and {@code then} after, counting calls. */
    static String function(String first, String then) {
        return "async () => window.tokenCalls++ === 0 ? " + literal(first) + " : " + literal(then);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
