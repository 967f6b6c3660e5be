package dev.ticketspace.webhooks;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ApiException;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The back office's webhook endpoints and their delivery logs. */
@Path("/api/v1/workspaces/{ws}/webhooks/{id}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Back office")
public final class WebhooksResource {
    private static final int DEFAULT_DELIVERIES_PAGE = 50;

    private final WebhookEndpoints endpoints;

    public WebhooksResource(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** An endpoint's delivery log, newest first. */
    public record DeliveryLog(List<Delivery> deliveries) {
    }

    /** Creates (201) or replaces (200) the endpoint. */
    @PUT
    @Timed
    @Operation(summary = "Create or replace an outbound webhook endpoint")
    @ApiResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = WebhookEndpoint.class)))
    @ApiResponse(responseCode = "201", description = "Created; with the generated secret when the request had none",
            content = @Content(schema = @Schema(implementation = WebhookEndpoint.class)))
    @ApiResponse(responseCode = "400", description = "`invalid_url`, `invalid_event_type`, `invalid_secret`, "
            + "`target_not_allowed`, or a body not of this shape")
    @ApiResponse(responseCode = "409", description = "`too_many_webhooks`: the workspace has 20")
    public Response put(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                        @PathParam("id") @ValidId String endpointId, @NotNull @Valid WebhookRequest request) {
        caller.requireWorkspace(workspaceId);
        WebhookEndpoints.Saved saved = endpoints.put(workspaceId, endpointId, request);
        return Response.status(saved.created() ? 201 : 200).entity(saved.endpoint()).build();
    }

    @GET
    @Timed
    @Operation(summary = "A webhook endpoint, without its secret")
    @ApiResponse(responseCode = "200", description = "The endpoint")
    @ApiResponse(responseCode = "404", description = "`unknown_webhook`")
    public WebhookEndpoint get(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                               @PathParam("id") @ValidId String endpointId) {
        caller.requireWorkspace(workspaceId);
        return endpoints.get(workspaceId, endpointId);
    }

    @DELETE
    @Timed
    @Operation(summary = "Delete a webhook endpoint and its deliveries")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "`unknown_webhook`")
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
    @Operation(summary = "The endpoint's delivery log, newest first")
    @ApiResponse(responseCode = "200", description = "The newest deliveries; `id` is the `webhook-id`")
    @ApiResponse(responseCode = "400", description = "`invalid_limit`: not 1 to 100")
    @ApiResponse(responseCode = "404", description = "`unknown_webhook`")
    public DeliveryLog deliveries(@Auth BackOfficeCaller caller, @PathParam("ws") String workspaceId,
                                                  @PathParam("id") @ValidId String endpointId,
                                                  @QueryParam("limit") String limit) {
        caller.requireWorkspace(workspaceId);
        return new DeliveryLog(endpoints.deliveries(workspaceId, endpointId, pageSize(limit)));
    }

    /** Sends a delivery again, with the same webhook-id; refused while it is still pending. */
    @POST
    @Path("deliveries/{deliveryId}/retry")
    @Timed
    @Operation(summary = "Send a delivery again, at once, with the same webhook-id")
    @ApiResponse(responseCode = "200", description = "The delivery, pending again")
    @ApiResponse(responseCode = "404", description = "`unknown_webhook`, `unknown_delivery`")
    @ApiResponse(responseCode = "409", description = "`delivery_pending`: it is still being delivered")
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
