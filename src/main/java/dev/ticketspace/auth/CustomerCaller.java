package dev.ticketspace.auth;

import java.security.Principal;

/** A messenger client acting for one customer of one workspace, authenticated by a customer token. */
public record CustomerCaller(String workspaceId, String customerId) implements Principal {
    @Override
    public String getName() {
        return workspaceId + "/" + customerId;
    }
}
