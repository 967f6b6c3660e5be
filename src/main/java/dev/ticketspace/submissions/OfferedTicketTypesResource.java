package dev.ticketspace.submissions;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.auth.CustomerCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/messenger/ticket-types}: the types a customer may submit, {@code {"ticketTypes": [...]}}. */
@Path("/api/v1/messenger/ticket-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messenger")
public final class OfferedTicketTypesResource {
    private final TicketTypes types;

    public OfferedTicketTypesResource(TicketTypes types) {
        this.types = types;
    }

    /** The ticket types on offer, by id. */
    public record OfferedTicketTypes(List<TicketType> ticketTypes) {
    }

    @GET
    @Timed
    @Operation(summary = "The ticket types the customer may submit")
    public OfferedTicketTypes offered(@Auth CustomerCaller caller) {
        return new OfferedTicketTypes(types.all(caller.workspaceId()));
    }
}
