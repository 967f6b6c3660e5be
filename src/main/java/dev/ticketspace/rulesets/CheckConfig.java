package dev.ticketspace.rulesets;

import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code rules.check}: how drafts are checked. Each check runs in a JVM of its own (untrusted DRL cannot
 * exhaust the service's memory, loop in its threads or stop it), at most {@code concurrency} at once per
 * replica with {@code queue} more waiting (past that, 503 {@code check_busy}), each stopped after
 * {@code timeout} and limited to {@code memory} of heap.
 */
public record CheckConfig(Duration timeout, DataSize memory, @Min(1) @Max(8) int concurrency,
                          @Min(0) @Max(100) Integer queue) {
    public CheckConfig {
        timeout = timeout == null ? Duration.seconds(120) : timeout;
        memory = memory == null ? DataSize.megabytes(512) : memory;
        concurrency = concurrency == 0 ? 1 : concurrency;
        queue = queue == null ? 4 : queue;
    }

    public CheckConfig() {
        this(null, null, 0, null);
    }
}
