package dev.ticketspace.auth;

import dev.ticketspace.workspaces.Workspaces;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Back-office API keys: the key names its workspace. */
public final class ApiKeyAuthenticator implements Authenticator<String, BackOfficeCaller> {
    private final Workspaces workspaces;

    public ApiKeyAuthenticator(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public Optional<BackOfficeCaller> authenticate(String apiKey) {
        return workspaces.byApiKey(apiKey).map(workspace -> new BackOfficeCaller(workspace.id()));
    }
}
