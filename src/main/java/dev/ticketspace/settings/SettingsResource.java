package dev.ticketspace.settings;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Back office")
public final class SettingsResource {
    private final SettingsService settings;

    public SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    @Path("settings")
    @Timed
    @Operation(summary = "The workspace's Messenger settings")
    public MessengerSettings get(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId) {
        caller.requireWorkspace(workspaceId);
        return settings.get(workspaceId);
    }

    /** Adds the app to Home (idempotent); {@code tickets} enables the Tickets space. */
    @PUT
    @Path("home-apps/{app}")
    @Timed
    @Operation(summary = "Add an app to Messenger Home, at the end")
    @ApiResponse(responseCode = "200", description = "The settings now")
    @ApiResponse(responseCode = "400", description = "`too_many_home_apps`, or an invalid app id")
    public MessengerSettings addApp(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                    @PathParam("app") @ValidId String app) {
        caller.requireWorkspace(workspaceId);
        return settings.addApp(workspaceId, app);
    }

    /** Removes the app from Home (idempotent). */
    @DELETE
    @Path("home-apps/{app}")
    @Timed
    @Operation(summary = "Remove an app from Messenger Home")
    public MessengerSettings removeApp(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                       @PathParam("app") @ValidId String app) {
        caller.requireWorkspace(workspaceId);
        return settings.removeApp(workspaceId, app);
    }
}
