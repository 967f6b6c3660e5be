package dev.ticketspace.workspaces;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One tenant: its id, the back office's API key and the secret that signs its customers' tokens. */
public record Workspace(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String id,
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String apiKey,
        @NotBlank @Size(min = 32, message = "must be at least 32 characters (HS256 needs a 256-bit key)") String messengerSecret) {

    @Override
    public String toString() {
        return "Workspace[id=" + id + "]";
    }
}
