package dev.ticketspace.submissions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketspace.api.UnicodeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A kind of ticket customers may submit: its name and fields. {@code id} is set on the way out only. */
public record TicketType(
        @JsonInclude(JsonInclude.Include.NON_NULL) String id,
        @NotNull @Size(min = 1, max = 100) @UnicodeText String name,
        @NotNull @Size(max = TicketType.MAX_FIELDS) List<@NotNull @Valid TicketField> fields) {
    public static final int MAX_FIELDS = 30;

    TicketType withId(String typeId) {
        return new TicketType(typeId, name, fields);
    }
}
