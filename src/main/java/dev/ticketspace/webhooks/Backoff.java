package dev.ticketspace.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the next attempt: {@code firstDelay} after the first, doubled after each further one up to
 * {@code maxDelay}, each shortened by up to a quarter at random so that receivers that come back are not
 * hit by every sender's retries at the same moment. A quarter keeps each wait longer than the one before
 * until the cap.
 */
record Backoff(Duration firstDelay, Duration maxDelay) {
    /** The wait after the given attempt (1 for the first). */
    Duration after(int attempt) {
        long first = firstDelay.toMillis();
        long max = maxDelay.toMillis();
        long delay = attempt >= 62 || first << (attempt - 1) >= max || first << (attempt - 1) < 0
                ? max : first << (attempt - 1);
        return Duration.ofMillis(delay - (long) (delay * 0.25 * ThreadLocalRandom.current().nextDouble()));
    }
}
