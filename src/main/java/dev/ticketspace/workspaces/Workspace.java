package dev.ticketspace.workspaces;

import dev.ticketspace.integrations.Integrations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One tenant: its id, the back office's API key, the secret that signs its customers' tokens, and the help
 * desks whose webhooks it takes.
 */
public record Workspace(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String id,
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String apiKey,
        @NotBlank @Size(min = 32, message = "must be at least 32 characters (HS256 needs a 256-bit key)") String messengerSecret,
        @Valid Integrations integrations) {

    public Workspace {
        if (integrations == null) {
            integrations = Integrations.NONE;
        }
    }

    public Workspace(String id, String apiKey, String messengerSecret) {
        this(id, apiKey, messengerSecret, Integrations.NONE);
    }

    @Override
    public String toString() {
        return "Workspace[id=" + id + "]";
    }
}
