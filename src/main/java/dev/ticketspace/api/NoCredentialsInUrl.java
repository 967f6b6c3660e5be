package dev.ticketspace.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses credentials in the query string on every endpoint: URLs end up in logs, browser histories and
 * proxies. Tokens and API keys go in the Authorization header; a browser's live stream uses a
 * single-use stream ticket instead.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class NoCredentialsInUrl implements ContainerRequestFilter {
    private static final Set<String> CREDENTIALS = Set.of("access_token", "token", "api_key", "apikey", "key",
            "authorization", "jwt");

    @Override
    public void filter(ContainerRequestContext request) {
        for (String name : request.getUriInfo().getQueryParameters().keySet()) {
            if (CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("credentials_in_url", "credentials are not accepted in the URL ('"
                        + name + "'); send them in the Authorization header");
            }
        }
    }
}
