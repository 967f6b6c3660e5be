package dev.ticketspace.scenarios;

import java.util.List;

/** How a scenario went: passed, or the differences between expected and actual state, one per line. */
public record ScenarioResult(Scenario scenario, List<String> differences) {
    public boolean passed() {
        return differences.isEmpty();
    }
}
