package dev.ticketspace.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, for requests Jersey never sees (a malformed or ambiguous path, a
 * header it cannot parse, a URI too long) or that a servlet ends with an error status: an
 * {@link ApiError} body like every other error, whatever the client accepts, instead of Jetty's HTML
 * page (which names exception classes when it has one).
 */
public final class JsonErrorHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jetty's own reasons ("Ambiguous URI path separator") are kept; anything else gives way to the status's. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,'()-]{1,100}");

    private JsonErrorHandlers() {
    }

    /** For the server: errors of requests that never reach a context. */
    public static ErrorHandler server() {
        return new ServerErrors();
    }

    /** For a servlet context, such as the application's. */
    public static org.eclipse.jetty.ee10.servlet.ErrorHandler servlets() {
        return new ServletErrors();
    }

    static String body(int status, String reason) {
        String message = reason != null && PLAIN_REASON.matcher(reason).matches() && !reason.contains("Exception")
                ? reason : HttpStatus.getMessage(status);
        try {
            return JSON.writeValueAsString(new ApiError(WebApplicationExceptionMapper.codeOf(status), message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError is always JSON", e);
        }
    }

    /**
     * Says the connection closes after this answer. Jetty answers here requests it could not take as
     * they came (a malformed path, a bad header) and may close the connection after them without saying
     * so, leaving a client that reuses the connection to find it dead on its next request.
     */
    private static void closeAfter(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }

    private static final class ServerErrors extends ErrorHandler {
        ServerErrors() {
            setShowStacks(false);
            setShowCauses(false);
        }

        /** Jetty writes error bodies for GET and POST only; every method gets one here. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) throws IOException {
            closeAfter(response);
            if (!generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, message, cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(body(code, message));
        }
    }

    private static final class ServletErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        ServletErrors() {
            setShowStacks(false);
            setShowCauses(false);
        }

        /** Jetty writes error bodies for GET and POST only; every method gets one here. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) throws IOException {
            closeAfter(response);
            if (!generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, message, cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(body(code, message));
        }
    }
}
