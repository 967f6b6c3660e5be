package dev.ticketspace.web;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.auth.CustomerCaller;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.net.URI;

/**
 * A customer's request sent by a page of another origin passes only if the customer's workspace lists
 * that origin: {@link MessengerCors} lets through the origins of every workspace, and only the token
 * says which workspace a request is for. Requests without {@code Origin} (servers, apps) and from the
 * service's own origin are not cross-origin and pass.
 */
@Priority(Priorities.AUTHORIZATION)
public final class OriginCheck implements ContainerRequestFilter {
    private final Workspaces workspaces;

    public OriginCheck(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !(request.getSecurityContext().getUserPrincipal() instanceof CustomerCaller caller)
                || origin.equals(ownOrigin(request.getUriInfo().getBaseUri()))) {
            return;
        }
        if (!workspaces.byId(caller.workspaceId()).map(workspace -> workspace.allowsOrigin(origin)).orElse(false)) {
            throw new ApiException(403, "origin_not_allowed",
                    "pages of " + sanitized(origin) + " may not call the messenger API of this workspace");
        }
    }

    private static String ownOrigin(URI base) {
        boolean defaultPort = base.getPort() == -1 || (base.getScheme().equals("http") && base.getPort() == 80)
                || (base.getScheme().equals("https") && base.getPort() == 443);
        return base.getScheme() + "://" + base.getHost() + (defaultPort ? "" : ":" + base.getPort());
    }

    private static String sanitized(String origin) {
        return origin.matches(Workspace.ORIGIN) ? origin : "this origin";
    }
}
