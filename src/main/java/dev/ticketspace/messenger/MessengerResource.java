package dev.ticketspace.messenger;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.auth.CustomerCaller;
import dev.ticketspace.auth.StreamTickets;
import dev.ticketspace.submissions.SubmissionRequest;
import dev.ticketspace.submissions.Submissions;
import io.dropwizard.auth.Auth;
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
import java.util.Map;

/** The messenger client API: one customer's state, lists and read marks. */
@Path("/api/v1/messenger")
@Produces(MediaType.APPLICATION_JSON)
public final class MessengerResource {
    public static final String STREAM_PATH = "/api/v1/messenger/stream";
    private static final Map<String, String> PONG = Map.of("status", "ok");

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

    @GET
    @Timed
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
    public Map<String, String> ping(@Auth CustomerCaller caller) {
        return PONG;
    }

    @GET
    @Path("tickets")
    @Timed
    public TicketPage tickets(@Auth CustomerCaller caller, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        return messenger.tickets(caller.workspaceId(), caller.customerId(), pageSize(limit), cursor);
    }

    /** The customer submits a ticket (201 with its summary); the same Idempotency-Key within 24 h, the same ticket. */
    @POST
    @Path("tickets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed
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
    public void stream(@Auth CustomerCaller caller, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        live.open(caller.workspaceId(), caller.customerId(), version(lastEventId), sink, sse);
    }

    /** The customer read the conversation now; answers the new state. */
    @POST
    @Path("conversations/{id}/read")
    @Timed
    public MessengerState readConversation(@Auth CustomerCaller caller, @PathParam("id") @ValidId String conversationId) {
        return messenger.readConversation(caller.workspaceId(), caller.customerId(), conversationId, clock.instant());
    }

    /** The customer read the ticket now; answers the new state. */
    @POST
    @Path("tickets/{id}/read")
    @Timed
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
