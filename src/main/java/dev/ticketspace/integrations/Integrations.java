package dev.ticketspace.integrations;

import dev.ticketspace.integrations.chatwoot.ChatwootConfig;
import dev.ticketspace.integrations.zendesk.ZendeskConfig;
import jakarta.validation.Valid;

/** {@code workspaces[].integrations}: the help desks that may post their webhooks for the workspace. */
public record Integrations(@Valid ZendeskConfig zendesk, @Valid ChatwootConfig chatwoot) {
    public static final Integrations NONE = new Integrations(null, null);

    public boolean zendeskEnabled() {
        return zendesk != null && zendesk.enabled();
    }

    public boolean chatwootEnabled() {
        return chatwoot != null && chatwoot.enabled();
    }
}
