package dev.ticketspace.submissions;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.auth.CustomerCaller;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/messenger/ticket-types}: the types a customer may submit, {@code {"ticketTypes": [...]}}. */
@Path("/api/v1/messenger/ticket-types")
@Produces(MediaType.APPLICATION_JSON)
public final class OfferedTicketTypesResource {
    private final TicketTypes types;

    public OfferedTicketTypesResource(TicketTypes types) {
        this.types = types;
    }

    @GET
    @Timed
    public Map<String, List<TicketType>> offered(@Auth CustomerCaller caller) {
        return Map.of("ticketTypes", types.all(caller.workspaceId()));
    }
}
