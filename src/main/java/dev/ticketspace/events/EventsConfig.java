package dev.ticketspace.events;

import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How long event ids are kept for idempotency.
 *
 * @param idempotencyWindow how long an applied event's id is kept (default 7 days): an event sent again
 *                          within it answers {@code duplicate}; once its id is pruned, it is applied again
 * @param pruneInterval     how often each replica deletes the ids older than the window (1 minute)
 * @param pruneBatch        ids one delete statement removes at most (1000); a prune runs statements until
 *                          one removes fewer, each in a transaction of its own
 */
public record EventsConfig(@NotNull Duration idempotencyWindow, @NotNull Duration pruneInterval,
                           @Min(1) @Max(100_000) int pruneBatch) {
    public EventsConfig {
        idempotencyWindow = idempotencyWindow == null ? Duration.days(7) : idempotencyWindow;
        pruneInterval = pruneInterval == null ? Duration.minutes(1) : pruneInterval;
        pruneBatch = pruneBatch == 0 ? 1000 : pruneBatch;
    }

    public EventsConfig() {
        this(null, null, 0);
    }
}
