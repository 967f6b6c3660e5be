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

/**
 * Text of Unicode characters: no surrogate without its pair. JSON lets {@code "\uD800"} through as an
 * escape, but it is no character: MySQL would store it as {@code ?}, H2 as it is. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = UnicodeText.PATTERN)
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface UnicodeText {
    String PATTERN = "[^\\p{Cs}]*";

    String message() default "must be Unicode text: a surrogate escape needs its pair";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
