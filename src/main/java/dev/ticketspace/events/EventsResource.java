package dev.ticketspace.events;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/workspaces/{ws}/events}: the help desk reports what happened. */
@Path("/api/v1/workspaces/{ws}/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Back office")
public final class EventsResource {
    private final EventApplier applier;

    public EventsResource(EventApplier applier) {
        this.applier = applier;
    }

    /** Applies the events in request order, all in one transaction; one result per event. */
    @POST
    @Timed
    @Operation(summary = "Apply 1 to 500 help-desk events, in order, each at most once")
    public EventResults post(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                             @NotNull @Valid EventBatch batch) {
        caller.requireWorkspace(workspaceId);
        return new EventResults(applier.applyAll(workspaceId, batch.events()));
    }
}
