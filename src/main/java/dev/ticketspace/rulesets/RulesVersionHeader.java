package dev.ticketspace.rulesets;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * {@code Ticketspace-Rules-Version} on every API response: the published rule set version this replica
 * serves, or {@code directory} while it serves the rules directory's (development).
 */
public final class RulesVersionHeader implements ContainerResponseFilter {
    public static final String HEADER = "Ticketspace-Rules-Version";

    private final PublishedRules published;

    public RulesVersionHeader(PublishedRules published) {
        this.published = published;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int served = published.served();
        response.getHeaders().putSingle(HEADER, served == 0 ? "directory" : String.valueOf(served));
    }
}
