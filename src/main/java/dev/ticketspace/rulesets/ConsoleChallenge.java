package dev.ticketspace.rulesets;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A wrong password typed into the console gets its 401 without a {@code Basic} challenge: browsers answer
 * that challenge with a login dialog of their own, over the console's form. The console marks its calls
 * with {@code X-Requested-With: ticketspace-console}; every other client still gets the usual challenge.
 */
public final class ConsoleChallenge implements ContainerResponseFilter {
    static final String MARK = "ticketspace-console";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401 && MARK.equals(request.getHeaderString("X-Requested-With"))) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Console realm=\"ticketspace rules\"");
        }
    }
}
