package dev.ticketspace.events;

import dev.ticketspace.api.UnicodeText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A ticket state: its category and the label the customer sees. */
public record TicketState(
        @NotNull @Pattern(regexp = "submitted|in_progress|waiting_on_customer|resolved",
                message = "must be submitted, in_progress, waiting_on_customer or resolved") String category,
        @NotNull @Size(min = 1, max = 100) @UnicodeText String label) {
}
