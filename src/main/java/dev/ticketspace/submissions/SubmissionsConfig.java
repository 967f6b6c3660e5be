package dev.ticketspace.submissions;

import dev.ticketspace.api.UnicodeText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Tickets customers submit.
 *
 * @param label                 the state label of a submitted ticket ("Submitted")
 * @param maxPerCustomerPerHour submissions one customer may make in any hour (20); more are 429
 */
public record SubmissionsConfig(@Size(min = 1, max = 100) @UnicodeText String label,
                                @Min(0) @Max(10000) int maxPerCustomerPerHour) {
    public SubmissionsConfig {
        label = label == null ? "Submitted" : label;
        maxPerCustomerPerHour = maxPerCustomerPerHour == 0 ? 20 : maxPerCustomerPerHour;
    }

    public SubmissionsConfig() {
        this(null, 0);
    }
}
