package dev.ticketspace.submissions;

import dev.ticketspace.api.UnicodeText;
import dev.ticketspace.api.ValidId;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A field of a ticket type; {@code options} for {@code select} fields only. */
public record TicketField(
        @NotNull @ValidId String id,
        @NotNull @Size(min = 1, max = 100) @UnicodeText String label,
        @NotNull @Pattern(regexp = "text|textarea|number|select", message = "must be text, textarea, number or select")
        String type,
        @Nullable @Size(min = 1, max = 50) List<@NotNull @Size(min = 1, max = 100) @UnicodeText String> options,
        boolean required) {
}
