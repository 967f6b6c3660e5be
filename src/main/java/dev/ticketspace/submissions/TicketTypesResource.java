package dev.ticketspace.submissions;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The back office's ticket types. */
@Path("/api/v1/workspaces/{ws}/ticket-types/{typeId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class TicketTypesResource {
    private final TicketTypes types;

    public TicketTypesResource(TicketTypes types) {
        this.types = types;
    }

    /** Creates (201) or replaces (200) the type. */
    @PUT
    @Timed
    public Response put(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                        @PathParam("typeId") @ValidId String typeId, @NotNull @Valid TicketType type) {
        caller.requireWorkspace(workspaceId);
        boolean created = types.put(workspaceId, typeId, type);
        return Response.status(created ? 201 : 200).entity(types.get(workspaceId, typeId)).build();
    }

    @GET
    @Timed
    public TicketType get(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                          @PathParam("typeId") @ValidId String typeId) {
        caller.requireWorkspace(workspaceId);
        return types.get(workspaceId, typeId);
    }

    @DELETE
    @Timed
    public Response delete(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                           @PathParam("typeId") @ValidId String typeId) {
        caller.requireWorkspace(workspaceId);
        types.delete(workspaceId, typeId);
        return Response.noContent().build();
    }
}
