package dev.ticketspace.integrations.chatwoot;

import dev.ticketspace.api.ValidId;
import dev.ticketspace.events.TicketState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code workspaces[].integrations.chatwoot}: the webhook's secret (blank or absent: the adapter is off and
 * answers 404), the label that makes a conversation a ticket (default {@code ticket}), Chatwoot contact ids
 * mapped to the workspace's own customer ids, and ticket states for Chatwoot statuses that replace the
 * defaults.
 */
public record ChatwootConfig(String secret, @Size(min = 1, max = 255) String ticketLabel,
                             Map<String, @ValidId String> customers, Map<String, @Valid TicketState> states) {
    public static final String DEFAULT_LABEL = "ticket";

    public ChatwootConfig {
        if (ticketLabel == null) {
            ticketLabel = DEFAULT_LABEL;
        }
    }

    public boolean enabled() {
        return secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
        return "ChatwootConfig[enabled=" + enabled() + ", ticketLabel=" + ticketLabel + "]";
    }
}
