package dev.ticketspace.integrations.zendesk;

import dev.ticketspace.api.ValidId;
import dev.ticketspace.events.TicketState;
import jakarta.validation.Valid;
import java.util.Map;

/**
 * {@code workspaces[].integrations.zendesk}: the webhook's signing secret (blank or absent: the adapter is
 * off and answers 404), Zendesk requester ids mapped to the workspace's own customer ids, and ticket states
 * for Zendesk statuses that replace the defaults.
 */
public record ZendeskConfig(String secret, Map<String, @ValidId String> customers,
                            Map<String, @Valid TicketState> states) {

    public boolean enabled() {
        return secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
        return "ZendeskConfig[enabled=" + enabled() + "]";
    }
}
