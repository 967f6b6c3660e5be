package dev.ticketspace.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Ends a request with an HTTP status and an {@link ApiError} body. */
public final class ApiException extends WebApplicationException {
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message)).build());
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    /** Stack traces are never sent, and building them for expected errors is waste. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
