package dev.ticketspace.demo;

import jakarta.validation.constraints.NotBlank;

/**
 * The demo shop at {@code /demo/}: off unless {@code enabled}. While on, anyone who reaches the service can
 * mint tokens for the demo customers of {@code workspace} and post events for them, so never in production.
 *
 * @param enabled   serve the demo page and its endpoints (default false)
 * @param workspace the workspace the demo acts in (default {@code demo})
 */
public record DemoConfig(boolean enabled, @NotBlank String workspace) {
    public DemoConfig {
        workspace = workspace == null ? "demo" : workspace;
    }

    public DemoConfig() {
        this(false, null);
    }
}
