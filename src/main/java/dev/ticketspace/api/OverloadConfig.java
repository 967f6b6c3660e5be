package dev.ticketspace.api;

import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * How many API requests a replica handles at once ({@link OverloadHandler}); open event streams do not count.
 *
 * @param maxConcurrentRequests requests handled at once (24)
 * @param maxWaiting            requests waiting for their turn, without holding a thread (1000); more are
 *                              refused at once
 * @param maxWait               how long a request waits for its turn at most (1 s)
 */
public record OverloadConfig(@Min(1) int maxConcurrentRequests, @Min(1) int maxWaiting,
                             @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration maxWait) {
    public OverloadConfig {
        maxConcurrentRequests = maxConcurrentRequests == 0 ? 24 : maxConcurrentRequests;
        maxWaiting = maxWaiting == 0 ? 1000 : maxWaiting;
        maxWait = maxWait == null ? Duration.seconds(1) : maxWait;
    }

    public OverloadConfig() {
        this(0, 0, null);
    }
}
