package dev.ticketspace.api;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Caps the API requests handled at once, so that a burst degrades into quick refusals instead of piling
 * up threads, memory and waits for database connections. Requests over the cap wait for their turn
 * (suspended: they hold no thread) up to {@link OverloadConfig#maxWait()}, at most
 * {@link OverloadConfig#maxWaiting()} of them; past either limit the answer is 503 {@code overloaded} with
 * {@code Retry-After}. Such a request has not been looked at, so retrying it is always safe.
 * Event streams live long and have caps of their own: they do not count.
 */
public final class OverloadHandler extends QoSHandler {
    private static final ByteBuffer BODY = body();

    public OverloadHandler(OverloadConfig config, String streamPath, MetricRegistry metrics) {
        setMaxRequestCount(config.maxConcurrentRequests());
        setMaxSuspendedRequestCount(config.maxWaiting());
        setMaxSuspend(config.maxWait().toJavaDuration());
        excludePath(streamPath);
        metrics.gauge("overload.waiting", () -> this::getSuspendedRequestCount);
        metrics.gauge("overload.rejected", () -> () -> getTotalExceededRequestCount() + getTotalExpiredRequestCount());
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        overloaded(request, response, callback);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        if (failure instanceof TimeoutException) {
            overloaded(request, response, callback);
        } else {
            super.failSuspended(request, response, callback, status, failure);
        }
    }

    /**
     * The refused request's body is left unread, so its connection cannot carry another request: saying
     * so keeps a client from reusing it and finding it closed under its next request.
     */
    private static void overloaded(Request request, Response response, Callback callback) {
        response.setStatus(503);
        if (hasBody(request)) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        response.write(true, BODY.slice(), callback);
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private static ByteBuffer body() {
        try {
            return ByteBuffer.wrap(new ObjectMapper().writeValueAsBytes(new ApiError("overloaded",
                    "the service is handling too many requests; retry shortly"))).asReadOnlyBuffer();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
