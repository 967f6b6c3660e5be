package dev.ticketspace.submissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.api.UnicodeText;
import dev.ticketspace.api.ValidId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /api/v1/messenger/tickets}: the type, a title and the type's field values. */
public record SubmissionRequest(@NotNull @ValidId String typeId,
                                @NotNull @Size(min = 1, max = 255) @UnicodeText String title,
                                @NotNull @Size(max = TicketType.MAX_FIELDS) Map<String, JsonNode> fields) {
}
