package dev.ticketspace.webhooks;

import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Outbound webhooks.
 *
 * @param allowedTargets         host names, addresses and CIDR ranges deliveries may go to besides public
 *                               addresses (default none: public addresses only)
 * @param retry                  the retry schedule
 * @param connectTimeout         longest wait for a receiver's TCP (and TLS) connection (5 s)
 * @param readTimeout            longest wait for a receiver's response, from sending the request (10 s)
 * @param concurrency            deliveries this replica makes at once (8)
 * @param perEndpointConcurrency deliveries to one endpoint this replica makes at once (2), so that a slow
 *                               receiver holds up only its own messages
 * @param pollInterval           how often the worker looks for due deliveries (1 s)
 */
public record WebhooksConfig(List<String> allowedTargets, @Valid Retry retry, Duration connectTimeout,
                             Duration readTimeout, @Min(0) @Max(256) int concurrency,
                             @Min(0) @Max(256) int perEndpointConcurrency, Duration pollInterval) {
    public WebhooksConfig {
        allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
        retry = retry == null ? new Retry() : retry;
        connectTimeout = connectTimeout == null ? Duration.seconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.seconds(10) : readTimeout;
        concurrency = concurrency == 0 ? 8 : concurrency;
        perEndpointConcurrency = perEndpointConcurrency == 0 ? 2 : perEndpointConcurrency;
        pollInterval = pollInterval == null ? Duration.seconds(1) : pollInterval;
    }

    public WebhooksConfig() {
        this(null, null, null, null, 0, 0, null);
    }

    /**
     * When a failed delivery is tried again: after {@code firstDelay}, then each delay doubled, up to
     * {@code maxDelay}, each shortened by up to a quarter at random; no attempt is scheduled later than
     * {@code window} after the message was written, and then the delivery is marked failed.
     */
    public record Retry(@NotNull Duration firstDelay, @NotNull Duration maxDelay, @NotNull Duration window) {
        public Retry {
            firstDelay = firstDelay == null ? Duration.seconds(5) : firstDelay;
            maxDelay = maxDelay == null ? Duration.hours(1) : maxDelay;
            window = window == null ? Duration.hours(24) : window;
        }

        public Retry() {
            this(null, null, null);
        }
    }

    /** How long a claim holds a delivery: its longest possible attempt, and a margin. */
    java.time.Duration claimLease() {
        return connectTimeout.toJavaDuration().plus(readTimeout.toJavaDuration()).plusSeconds(1);
    }
}
