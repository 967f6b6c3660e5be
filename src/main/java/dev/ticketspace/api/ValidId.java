package dev.ticketspace.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;

/** An id: 1 to 128 characters of {@code [A-Za-z0-9._:-]}. Null is valid; add {@code @NotNull} to require it. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = ValidId.PATTERN)
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidId {
    String PATTERN = "[A-Za-z0-9._:-]{1,128}";

    String message() default "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
