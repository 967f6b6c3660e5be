package dev.ticketspace.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** Gives Jersey's own errors (404, 405, 415, ...) the {@link ApiError} body; passes {@link ApiException} through. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Map<Integer, String> CODES = Map.of(
            400, "bad_request",
            401, "unauthorized",
            403, "forbidden",
            404, "not_found",
            405, "method_not_allowed",
            406, "not_acceptable",
            413, "body_too_large",
            414, "uri_too_long",
            415, "unsupported_media_type",
            431, "headers_too_large");

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response response = exception.getResponse();
        if (response.hasEntity() && response.getEntity() instanceof ApiError) {
            return response;
        }
        int status = response.getStatus();
        String code = codeOf(status);
        String message = status == 404 ? "no such resource"
                : Response.Status.fromStatusCode(status) == null ? code
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message));
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    /** The error code of an HTTP status that has no more specific one. */
    static String codeOf(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "server_error" : "request_error");
    }
}
