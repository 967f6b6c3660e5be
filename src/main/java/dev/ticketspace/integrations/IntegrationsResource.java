package dev.ticketspace.integrations;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.integrations.chatwoot.ChatwootAdapter;
import dev.ticketspace.integrations.zendesk.ZendeskAdapter;
import dev.ticketspace.workspaces.Workspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/workspaces/{ws}/integrations/zendesk} and {@code .../chatwoot}: help desks' own
 * webhooks. They carry no API key; the vendor's signature over the raw body is the authentication, so
 * the body is taken as bytes and read as JSON only once the signature holds.
 */
@Path("/api/v1/workspaces/{ws}/integrations")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Help desks")
@ApiResponse(responseCode = "200", description = "What became of the delivery")
@ApiResponse(responseCode = "400", description = "`invalid_json`, `invalid_payload`: a payload it cannot read")
@ApiResponse(responseCode = "401", description = "The signature is missing, wrong, or over 5 minutes old")
@ApiResponse(responseCode = "404",
        description = "`integration_not_configured`: the workspace has no secret for the vendor")
public final class IntegrationsResource {
    private final Map<String, ZendeskAdapter> zendesk = new HashMap<>();
    private final Map<String, ChatwootAdapter> chatwoot = new HashMap<>();
    private final IntegrationApplier applier;

    public IntegrationsResource(List<Workspace> workspaces, IntegrationApplier applier, TicketLookup tickets,
                                Clock clock) {
        Signatures signatures = new Signatures(clock);
        for (Workspace workspace : workspaces) {
            Integrations integrations = workspace.integrations();
            if (integrations.zendeskEnabled()) {
                zendesk.put(workspace.id(), new ZendeskAdapter(integrations.zendesk(), signatures));
            }
            if (integrations.chatwootEnabled()) {
                chatwoot.put(workspace.id(), new ChatwootAdapter(integrations.chatwoot(), signatures, tickets));
            }
        }
        this.applier = applier;
    }

    @POST
    @Path("zendesk")
    @Timed
    @Operation(summary = "A Zendesk ticket-event webhook, mapped to events and applied")
    public DeliveryResult zendesk(@PathParam("ws") String workspaceId,
                                  @HeaderParam(ZendeskAdapter.SIGNATURE) String signature,
                                  @HeaderParam(ZendeskAdapter.TIMESTAMP) String timestamp,
                                  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(types = "object", description = "Zendesk's payload")))
                                  byte[] body) {
        ZendeskAdapter adapter = configured(zendesk, workspaceId, ZendeskAdapter.VENDOR);
        return applier.apply(workspaceId, adapter.receive(signature, timestamp, body));
    }

    @POST
    @Path("chatwoot")
    @Timed
    @Operation(summary = "A Chatwoot webhook, mapped to events and applied")
    public DeliveryResult chatwoot(@PathParam("ws") String workspaceId,
                                   @HeaderParam(ChatwootAdapter.SIGNATURE) String signature,
                                   @HeaderParam(ChatwootAdapter.TIMESTAMP) String timestamp,
                                   @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                           schema = @Schema(types = "object", description = "Chatwoot's payload")))
                                   byte[] body) {
        ChatwootAdapter adapter = configured(chatwoot, workspaceId, ChatwootAdapter.VENDOR);
        return applier.apply(workspaceId, adapter.receive(workspaceId, signature, timestamp, body));
    }

    /** Unknown workspaces and workspaces without the vendor's secret answer alike, so neither is told apart. */
    private static <A> A configured(Map<String, A> adapters, String workspaceId, String vendor) {
        A adapter = adapters.get(workspaceId);
        if (adapter == null) {
            throw ApiException.notFound("integration_not_configured",
                    "no " + vendor + " integration is configured for this workspace");
        }
        return adapter;
    }
}
