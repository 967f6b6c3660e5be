package dev.ticketspace.submissions;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Back office")
public final class TicketTypesResource {
    private final TicketTypes types;

    public TicketTypesResource(TicketTypes types) {
        this.types = types;
    }

    /** Creates (201) or replaces (200) the type. */
    @PUT
    @Timed
    @Operation(summary = "Create or replace a ticket type customers may submit")
    @ApiResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = TicketType.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = TicketType.class)))
    @ApiResponse(responseCode = "400", description = "`invalid_ticket_type` (options on a field that is not a "
            + "select, ids not distinct, ...), or a body not of this shape")
    @ApiResponse(responseCode = "409", description = "`too_many_ticket_types`: the workspace has 50")
    public Response put(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                        @PathParam("typeId") @ValidId String typeId, @NotNull @Valid TicketType type) {
        caller.requireWorkspace(workspaceId);
        boolean created = types.put(workspaceId, typeId, type);
        return Response.status(created ? 201 : 200).entity(types.get(workspaceId, typeId)).build();
    }

    @GET
    @Timed
    @Operation(summary = "A ticket type")
    @ApiResponse(responseCode = "200", description = "The type, with its id")
    @ApiResponse(responseCode = "404", description = "`unknown_ticket_type`")
    public TicketType get(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                          @PathParam("typeId") @ValidId String typeId) {
        caller.requireWorkspace(workspaceId);
        return types.get(workspaceId, typeId);
    }

    @DELETE
    @Timed
    @Operation(summary = "Delete a ticket type")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "`unknown_ticket_type`")
    public Response delete(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                           @PathParam("typeId") @ValidId String typeId) {
        caller.requireWorkspace(workspaceId);
        types.delete(workspaceId, typeId);
        return Response.noContent().build();
    }
}
