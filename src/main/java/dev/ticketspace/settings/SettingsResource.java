package dev.ticketspace.settings;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The back office's view and edits of a workspace's Messenger settings. */
@Path("/api/v1/workspaces/{ws}/messenger")
@Produces(MediaType.APPLICATION_JSON)
public final class SettingsResource {
    private final SettingsService settings;

    public SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    @Path("settings")
    @Timed
    public MessengerSettings get(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId) {
        caller.requireWorkspace(workspaceId);
        return settings.get(workspaceId);
    }

    /** Adds the app to Home (idempotent); {@code tickets} enables the Tickets space. */
    @PUT
    @Path("home-apps/{app}")
    @Timed
    public MessengerSettings addApp(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                    @PathParam("app") @ValidId String app) {
        caller.requireWorkspace(workspaceId);
        return settings.addApp(workspaceId, app);
    }

    /** Removes the app from Home (idempotent). */
    @DELETE
    @Path("home-apps/{app}")
    @Timed
    public MessengerSettings removeApp(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                       @PathParam("app") @ValidId String app) {
        caller.requireWorkspace(workspaceId);
        return settings.removeApp(workspaceId, app);
    }
}
