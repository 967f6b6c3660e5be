package dev.ticketspace.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests as a browser sends them for a page of another origin, answers with all their headers, checked
 * against the {@link ApiContract}.
 */
public final class BrowserHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private BrowserHttp() {
    }

    /** A request; {@code headers} are name, value pairs, {@code body} null sends none. */
    public static HttpResponse<String> send(Api api, String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return ApiContract.checked(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A CORS preflight for the method and request headers (comma separated, or null). */
    public static HttpResponse<String> preflight(Api api, String path, String origin, String method, String headers) {
        return headers == null
                ? send(api, "OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", method)
                : send(api, "OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", method,
                        "Access-Control-Request-Headers", headers);
    }
}
