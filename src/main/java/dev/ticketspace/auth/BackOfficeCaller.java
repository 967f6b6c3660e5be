package dev.ticketspace.auth;

import dev.ticketspace.api.ApiException;
import java.security.Principal;

/** A back-office caller, authenticated by its workspace's API key. */
public record BackOfficeCaller(String workspaceId) implements Principal {
    @Override
    public String getName() {
        return workspaceId;
    }

    /** A key reaches its own workspace only: any other is 403. */
    public void requireWorkspace(String requested) {
        if (!workspaceId.equals(requested)) {
            throw ApiException.forbidden("this API key does not give access to workspace " + requested);
        }
    }
}
