package dev.ticketspace.workspaces;

import dev.ticketspace.integrations.Integrations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One tenant: its id, the back office's API key, the secret that signs its customers' tokens, the
 * origins of the web pages whose scripts may call the messenger API for its customers (exact origins
 * such as {@code https://shop.example}: scheme, host and the port when it is not the default), and the
 * help desks whose webhooks it takes.
 */
public record Workspace(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String id,
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String apiKey,
        @NotBlank @Size(min = 32, message = "must be at least 32 characters (HS256 needs a 256-bit key)") String messengerSecret,
        List<@Pattern(regexp = Workspace.ORIGIN,
                message = "must be an origin such as https://shop.example (no path, no trailing slash)")
                String> allowedOrigins,
        @Valid Integrations integrations) {
    public static final String ORIGIN = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?";

    public Workspace {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (integrations == null) {
            integrations = Integrations.NONE;
        }
    }

    public Workspace(String id, String apiKey, String messengerSecret) {
        this(id, apiKey, messengerSecret, List.of(), Integrations.NONE);
    }

    /** Whether a page of this origin may call the messenger API for the workspace's customers. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.contains(origin);
    }

    @Override
    public String toString() {
        return "Workspace[id=" + id + "]";
    }
}
