package dev.ticketspace.messenger;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The back office sees exactly what a customer's messenger gets, optionally with the rule behind each decision. */
@Path("/api/v1/workspaces/{ws}/customers/{customerId}/messenger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Back office")
public final class CustomerStateResource {
    private final MessengerService messenger;

    public CustomerStateResource(MessengerService messenger) {
        this.messenger = messenger;
    }

    @GET
    @Timed
    @Operation(summary = "What the customer's messenger gets; with explain=true, the rule behind each decision")
    public MessengerState state(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                @PathParam("customerId") @ValidId String customerId,
                                @QueryParam("explain") boolean explain) {
        caller.requireWorkspace(workspaceId);
        return messenger.state(workspaceId, customerId, explain);
    }
}
