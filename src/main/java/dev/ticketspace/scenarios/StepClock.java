package dev.ticketspace.scenarios;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The clock a scenario's rules decide by: it shows the time of the step being run. */
final class StepClock extends Clock {
    private volatile Instant now = ScenarioParser.START;

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a scenario's clock is in UTC");
    }
}
