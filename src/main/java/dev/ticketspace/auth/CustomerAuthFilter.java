package dev.ticketspace.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;

/**
 * Authenticates customers: by the token in the Authorization header, or, on the live stream only and
 * only without that header, by a single-use stream ticket in the {@code ticket} query parameter.
 */
@Priority(Priorities.AUTHENTICATION)
public final class CustomerAuthFilter extends AuthFilter<String, CustomerCaller> {
    public static final String TICKET = "ticket";
    private final AuthFilter<String, CustomerCaller> bearer;
    private final String streamPath;

    private CustomerAuthFilter(AuthFilter<String, CustomerCaller> bearer, String streamPath) {
        this.bearer = bearer;
        this.streamPath = streamPath;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String ticket = request.getUriInfo().getQueryParameters().getFirst(TICKET);
        boolean byTicket = ticket != null && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                && ("/" + request.getUriInfo().getPath()).equals(streamPath);
        if (!byTicket) {
            bearer.filter(request);
        } else if (!authenticate(request, ticket, "ticket")) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    /**
     * @param bearer     the filter of customer tokens in the Authorization header
     * @param streamPath the one path that takes a ticket
     */
    public static CustomerAuthFilter of(AuthFilter<String, CustomerCaller> bearer, StreamTickets tickets,
                                        String streamPath) {
        return new Builder(bearer, streamPath).setAuthenticator(tickets).setPrefix("Ticket")
                .setRealm("ticketspace messenger")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler("invalid_stream_ticket",
                        "the stream ticket is unknown, used or expired: ask POST /api/v1/messenger/stream-tickets for another"))
                .buildAuthFilter();
    }

    private static final class Builder extends AuthFilterBuilder<String, CustomerCaller, CustomerAuthFilter> {
        private final AuthFilter<String, CustomerCaller> bearer;
        private final String streamPath;

        Builder(AuthFilter<String, CustomerCaller> bearer, String streamPath) {
            this.bearer = bearer;
            this.streamPath = streamPath;
        }

        @Override
        protected CustomerAuthFilter newInstance() {
            return new CustomerAuthFilter(bearer, streamPath);
        }
    }
}
