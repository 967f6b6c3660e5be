package dev.ticketspace.events;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
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
public final class EventsResource {
    private final EventApplier applier;

    public EventsResource(EventApplier applier) {
        this.applier = applier;
    }

    /** Applies the events in request order, all in one transaction; one result per event. */
    @POST
    @Timed
    public EventResults post(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                             @NotNull @Valid EventBatch batch) {
        caller.requireWorkspace(workspaceId);
        return new EventResults(applier.applyAll(workspaceId, batch.events()));
    }
}
