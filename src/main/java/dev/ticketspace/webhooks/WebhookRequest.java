package dev.ticketspace.webhooks;

import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PUT /webhooks/{id}}: where to, which events, and optionally the signing secret. */
public record WebhookRequest(@NotNull @Size(min = 1, max = 2048) String url,
                             @NotNull List<@NotNull String> events,
                             @Nullable @Size(max = 255) String secret) {
}
