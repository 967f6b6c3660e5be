package dev.ticketspace.webhooks;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.BackOfficeCaller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The back office's webhook endpoints and their delivery logs. */
@Path("/api/v1/workspaces/{ws}/webhooks/{id}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class WebhooksResource {
    private static final int DEFAULT_DELIVERIES_PAGE = 50;

    private final WebhookEndpoints endpoints;

    public WebhooksResource(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Creates (201) or replaces (200) the endpoint. */
    @PUT
    @Timed
    public Response put(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                        @PathParam("id") @ValidId String endpointId, @NotNull @Valid WebhookRequest request) {
        caller.requireWorkspace(workspaceId);
        WebhookEndpoints.Saved saved = endpoints.put(workspaceId, endpointId, request);
        return Response.status(saved.created() ? 201 : 200).entity(saved.endpoint()).build();
    }

    @GET
    @Timed
    public WebhookEndpoint get(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                               @PathParam("id") @ValidId String endpointId) {
        caller.requireWorkspace(workspaceId);
        return endpoints.get(workspaceId, endpointId);
    }

    @DELETE
    @Timed
    public Response delete(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                           @PathParam("id") @ValidId String endpointId) {
        caller.requireWorkspace(workspaceId);
        endpoints.delete(workspaceId, endpointId);
        return Response.noContent().build();
    }

    /** The newest deliveries, newest first: {@code {"deliveries": [...]}}. */
    @GET
    @Path("deliveries")
    @Timed
    public Map<String, List<Delivery>> deliveries(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                                  @PathParam("id") @ValidId String endpointId,
                                                  @QueryParam("limit") String limit) {
        caller.requireWorkspace(workspaceId);
        return Map.of("deliveries", endpoints.deliveries(workspaceId, endpointId, pageSize(limit)));
    }

    /** Sends a delivery again, with the same webhook-id; refused while it is still pending. */
    @POST
    @Path("deliveries/{deliveryId}/retry")
    @Timed
    public Delivery retry(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                          @PathParam("id") @ValidId String endpointId,
                          @PathParam("deliveryId") @ValidId String deliveryId) {
        caller.requireWorkspace(workspaceId);
        return endpoints.retry(workspaceId, endpointId, deliveryId);
    }

    private static int pageSize(String limit) {
        if (limit == null) {
            return DEFAULT_DELIVERIES_PAGE;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= WebhookEndpoints.MAX_DELIVERIES_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to "
                + WebhookEndpoints.MAX_DELIVERIES_PAGE);
    }
}
