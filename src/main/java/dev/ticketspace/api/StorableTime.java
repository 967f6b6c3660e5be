package dev.ticketspace.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;

/** A time the database can store: from 1970 up to the end of year 9999. Null is valid. */
@Documented
@Constraint(validatedBy = StorableTime.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableTime {
    String message() default "must be between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<StorableTime, Instant> {
        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(Instant.EPOCH) && !value.isAfter(LAST));
        }
    }
}
