package dev.ticketspace.messenger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketspace.rules.Explanation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code GET /api/v1/messenger}; {@code explain} only on the back office's view. */
public record MessengerState(
        String workspaceId,
        String customerId,
        long version,
        List<Space> spaces,
        Home home,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Explanation> explain) {

    /** A Messenger space ({@code home}, {@code messages}, {@code tickets}). */
    public record Space(@Schema(allowableValues = {"home", "messages", "tickets"}) String id, boolean visible,
                        int badge) {
    }

    public record Home(List<Card> cards) {
    }

    /** A card on Home; {@code recent_tickets} lists tickets. */
    public record Card(String type, List<TicketSummary> tickets) {
    }
}
