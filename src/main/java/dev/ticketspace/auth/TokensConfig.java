package dev.ticketspace.auth;

import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** Customer token policy: the longest lifetime ({@code exp} minus {@code iat}, or minus now) accepted. */
public record TokensConfig(@NotNull Duration maxLifetime) {
    public TokensConfig {
        if (maxLifetime == null) {
            maxLifetime = Duration.hours(24);
        }
    }

    public TokensConfig() {
        this(null);
    }
}
