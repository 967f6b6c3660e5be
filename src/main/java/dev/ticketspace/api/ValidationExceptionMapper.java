package dev.ticketspace.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.Map;

/** A well-formed body with invalid values is a 400 naming the first field at fault. */
public final class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {
    private static final Map<Class<? extends Annotation>, String> CODES = Map.of(
            NotNull.class, "missing_field",
            ValidId.class, "invalid_id",
            Pattern.class, "invalid_value",
            StorableTime.class, "invalid_time",
            Size.class, "invalid_size");

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        ConstraintViolation<?> first = exception.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .orElseThrow();
        Class<? extends Annotation> constraint = first.getConstraintDescriptor().getAnnotation().annotationType();
        String field = fieldPath(first.getPropertyPath());
        String code = CODES.getOrDefault(constraint, "invalid_value");
        if (constraint == Size.class && field.equals("events")) {
            code = "invalid_batch_size";
        }
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, (field.isEmpty() ? "" : field + ": ") + first.getMessage()))
                .build();
    }

    /** {@code post.arg1.events[0].ticketId} becomes {@code events[0].ticketId}: the method and parameter go. */
    private static String fieldPath(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> { }
                default -> {
                    if (node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        return field.toString();
    }
}
