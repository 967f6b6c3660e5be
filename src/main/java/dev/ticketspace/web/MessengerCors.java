package dev.ticketspace.web;

import dev.ticketspace.workspaces.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.Callback;

/**
 * CORS for the browser-facing paths (the messenger API and the widget): Jetty's {@link CrossOriginHandler}
 * answers preflights and marks responses for the origins that any workspace lists. A preflight carries no
 * credential, so which workspace a request is for is not known here; {@link OriginCheck} then refuses a
 * customer's request from an origin that their own workspace does not list. The back-office API is for
 * servers, not pages: it gets no CORS headers.
 */
public final class MessengerCors extends CrossOriginHandler {
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "OPTIONS");
    public static final Set<String> HEADERS = Set.of("Authorization", "Content-Type", "Last-Event-ID", "Idempotency-Key");
    /** What a client reads beyond the always-readable headers: when to retry, and why it was refused. */
    public static final Set<String> EXPOSED = Set.of("Retry-After", "WWW-Authenticate");
    private static final List<String> SCOPE = List.of("/api/v1/messenger", "/widget/");
    private static final HttpField VARY_ORIGIN = new HttpField(HttpHeader.VARY, HttpHeader.ORIGIN.asString());

    public MessengerCors(java.util.Collection<Workspace> workspaces) {
        setAllowedOriginPatterns(workspaces.stream().flatMap(workspace -> workspace.allowedOrigins().stream())
                .map(Pattern::quote).collect(Collectors.toSet()));
        setAllowedMethods(METHODS);
        setAllowedHeaders(HEADERS);
        setExposedHeaders(EXPOSED);
        // Bearer tokens, not cookies: a page's cookies are never sent along.
        setAllowCredentials(false);
        setPreflightMaxAge(Duration.ofMinutes(10));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (SCOPE.stream().noneMatch(path::startsWith)) {
            return getHandler().handle(request, response, callback);
        }
        // Also without an Origin: a cache must not serve a response without CORS headers to a page.
        response.getHeaders().ensureField(VARY_ORIGIN);
        return super.handle(request, response, callback);
    }
}
