package dev.ticketspace.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.apache.commons.lang3.exception.ExceptionUtils;

/**
 * A body that is not JSON, or not the expected shape, is a 400 naming the field at fault
 * (e.g. {@code events[2].occurredAt}) without echoing Java class names.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        // Reading the body can stop for a reason of its own, e.g. a body over the size limit.
        int limit = ExceptionUtils.indexOfType(exception, ApiException.class);
        if (limit >= 0) {
            return ((ApiException) ExceptionUtils.getThrowableList(exception).get(limit)).getResponse();
        }
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(toError(exception)).build();
    }

    /** The error for a body that is not JSON or not the expected shape; also used for scenario files. */
    public static ApiError toError(JsonProcessingException exception) {
        int syntax = ExceptionUtils.indexOfType(exception, JsonParseException.class);
        if (syntax >= 0) {
            JsonParseException parse = (JsonParseException) ExceptionUtils.getThrowableList(exception).get(syntax);
            return new ApiError("invalid_json", "the body is not valid JSON: " + abbreviate(parse.getOriginalMessage()));
        }
        if (exception instanceof InvalidTypeIdException e) {
            String type = e.getTypeId();
            return new ApiError(type == null ? "missing_field" : "unknown_event_type",
                    at(e) + (type == null ? "type is required" : "unknown event type '" + abbreviate(type) + "'"));
        }
        if (exception instanceof UnrecognizedPropertyException e) {
            return new ApiError("unknown_field", at(e) + "unknown field '" + abbreviate(e.getPropertyName()) + "'");
        }
        // Jackson reports content after the body's one value as a mismatch, with no type of its own
        if (exception instanceof MismatchedInputException e && e.getOriginalMessage().startsWith("Trailing token")) {
            return new ApiError("invalid_json", "the body is not valid JSON: more follows the end of its value");
        }
        if (exception instanceof MismatchedInputException e) {
            return new ApiError("invalid_field", at(e) + "has the wrong type or format");
        }
        if (exception instanceof JsonMappingException e && !e.getPath().isEmpty()) {
            return new ApiError("invalid_field", at(e) + "cannot be read");
        }
        if (exception instanceof StreamConstraintsException) {
            return new ApiError("invalid_json", "the body exceeds a JSON nesting, number or string limit");
        }
        return new ApiError("invalid_json", "the body is not valid JSON: " + abbreviate(exception.getOriginalMessage()));
    }

    private static String at(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(abbreviate(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }
}
