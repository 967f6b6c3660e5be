package dev.ticketspace.messenger;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.api.openapi.ApiDocument;
import dev.ticketspace.auth.CustomerCaller;
import dev.ticketspace.auth.StreamTickets;
import dev.ticketspace.submissions.SubmissionRequest;
import dev.ticketspace.submissions.Submissions;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;

/** The messenger client API: one customer's state, lists and read marks. */
@Path("/api/v1/messenger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messenger")
public final class MessengerResource {
    public static final String STREAM_PATH = "/api/v1/messenger/stream";
    private static final Pong PONG = new Pong("ok");

    private final MessengerService messenger;
    private final LiveStreams live;
    private final StreamTickets streamTickets;
    private final Clock clock;
    private final Submissions submissions;

    public MessengerResource(MessengerService messenger, LiveStreams live, StreamTickets streamTickets, Clock clock,
                             Submissions submissions) {
        this.messenger = messenger;
        this.live = live;
        this.streamTickets = streamTickets;
        this.clock = clock;
        this.submissions = submissions;
    }

    /** The answer of {@code ping}: {@code {"status": "ok"}}. */
    public record Pong(@Schema(allowableValues = "ok") String status) {
    }

    @GET
    @Timed
    @Operation(summary = "The customer's state: spaces with their badges, Home's cards, the version")
    public MessengerState state(@Auth CustomerCaller caller) {
        return messenger.state(caller.workspaceId(), caller.customerId(), false);
    }

    /**
     * A constant answer once the token checks out: lets a client test its token, and is the baseline that
     * bench/read.sh measures the state call against.
     */
    @GET
    @Path("ping")
    @Timed
    @Operation(summary = "A token check")
    public Pong ping(@Auth CustomerCaller caller) {
        return PONG;
    }

    @GET
    @Path("tickets")
    @Timed
    @Operation(summary = "The Tickets space list, most recent activity first")
    @ApiResponse(responseCode = "200", description = "A page; pass `nextCursor` back as `cursor` until it is null")
    @ApiResponse(responseCode = "400", description = "`invalid_limit` (not 1 to 100), `invalid_cursor`")
    @ApiResponse(responseCode = "404", description = "`tickets_space_hidden`: the Tickets space is not visible")
    public TicketPage tickets(@Auth CustomerCaller caller, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        return messenger.tickets(caller.workspaceId(), caller.customerId(), pageSize(limit), cursor);
    }

    /** The customer submits a ticket (201 with its summary); the same Idempotency-Key within 24 h, the same ticket. */
    @POST
    @Path("tickets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed
    @Operation(summary = "Submit a ticket of one of the workspace's types")
    @ApiResponse(responseCode = "201", description = "The new ticket (or, for an Idempotency-Key seen within 24 h, "
            + "the same one)", content = @Content(schema = @Schema(implementation = TicketSummary.class)))
    @ApiResponse(responseCode = "400", description = "`invalid_field` naming the field, `invalid_idempotency_key`, "
            + "or a body not of this shape")
    @ApiResponse(responseCode = "409", description = "The ticket could not be made (an id in use)")
    @ApiResponse(responseCode = "422", description = "`unknown_ticket_type`")
    @ApiResponse(responseCode = "429", description = "`too_many_submissions`: past `submissions.maxPerCustomerPerHour`")
    public Response submitTicket(@Auth CustomerCaller caller, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @NotNull @Valid SubmissionRequest request) {
        Submissions.Submitted submitted = submissions.submit(caller.workspaceId(), caller.customerId(), idempotencyKey,
                request);
        TicketSummary ticket = messenger.linkedTicket(caller.workspaceId(), caller.customerId(), submitted.conversationId())
                .orElseThrow(() -> new IllegalStateException("a submitted ticket is linked to its conversation"));
        return Response.status(201).entity(ticket).build();
    }

    @GET
    @Path("conversations")
    @Timed
    @Operation(summary = "The customer's conversations, most recent message first, each with its ticket")
    @ApiResponse(responseCode = "200", description = "A page; pass `nextCursor` back as `cursor` until it is null")
    @ApiResponse(responseCode = "400", description = "`invalid_limit` (not 1 to 100), `invalid_cursor`")
    public ConversationPage conversations(@Auth CustomerCaller caller, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        return messenger.conversations(caller.workspaceId(), caller.customerId(), pageSize(limit), cursor);
    }

    /**
     * A single-use ticket, good for 60 s, that opens this customer's stream with
     * {@code GET /api/v1/messenger/stream?ticket=...}: for EventSource, which cannot send the token.
     */
    @POST
    @Path("stream-tickets")
    @Timed
    @Operation(summary = "A single-use ticket, good for 60 s, that opens this customer's stream")
    public StreamTickets.Issued streamTicket(@Auth CustomerCaller caller) {
        return streamTickets.issue(caller);
    }

    /**
     * Server-Sent Events: a {@code state} event with the {@code GET /api/v1/messenger} body each time its
     * version changes, {@code id} the version. On connect the current state comes at once, unless
     * {@code Last-Event-ID} says the client has it already; comments keep idle connections open.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: a `state` event, its id the version, each time the state changes")
    @SecurityRequirement(name = ApiDocument.CUSTOMER_TOKEN)
    @SecurityRequirement(name = ApiDocument.STREAM_TICKET)
    @ApiResponse(responseCode = "200", description = "The stream: `event: state`, `id: <version>`, "
            + "`data: <the body of GET /api/v1/messenger>`, and comments to keep it open",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(types = "string")))
    @ApiResponse(responseCode = "401", description = "The token, or the stream ticket (`invalid_stream_ticket`), is "
            + "missing, wrong, used or expired")
    @ApiResponse(responseCode = "503", description = "`stream_capacity`: this replica holds its maximum of streams; "
            + "retry shortly")
    public void stream(@Auth CustomerCaller caller, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        live.open(caller.workspaceId(), caller.customerId(), version(lastEventId), sink, sse);
    }

    /** The customer read the conversation now; answers the new state. */
    @POST
    @Path("conversations/{id}/read")
    @Timed
    @Operation(summary = "The customer read the conversation now")
    @ApiResponse(responseCode = "200", description = "The new state")
    @ApiResponse(responseCode = "404", description = "Not a conversation of this customer")
    public MessengerState readConversation(@Auth CustomerCaller caller, @PathParam("id") @ValidId String conversationId) {
        return messenger.readConversation(caller.workspaceId(), caller.customerId(), conversationId, clock.instant());
    }

    /** The customer read the ticket now; answers the new state. */
    @POST
    @Path("tickets/{id}/read")
    @Timed
    @Operation(summary = "The customer read the ticket now")
    @ApiResponse(responseCode = "200", description = "The new state")
    @ApiResponse(responseCode = "404", description = "Not a ticket this customer sees")
    public MessengerState readTicket(@Auth CustomerCaller caller, @PathParam("id") @ValidId String ticketId) {
        return messenger.readTicket(caller.workspaceId(), caller.customerId(), ticketId, clock.instant());
    }

    private static Long version(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int pageSize(String limit) {
        if (limit == null) {
            return MessengerService.DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MessengerService.MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MessengerService.MAX_PAGE_SIZE);
    }
}
