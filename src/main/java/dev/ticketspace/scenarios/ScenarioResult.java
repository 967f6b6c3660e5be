package dev.ticketspace.scenarios;

import java.util.List;

/** How a scenario went: passed, or the differences between expected and actual state, one per line. */
/**
 * How a scenario went: what differed from its expectations, and warnings that do not fail it (subjects
 * given conflicting decisions that only the tie-break settled).
 */
public record ScenarioResult(Scenario scenario, List<String> differences, List<String> warnings) {
    public boolean passed() {
        return differences.isEmpty();
    }
}
