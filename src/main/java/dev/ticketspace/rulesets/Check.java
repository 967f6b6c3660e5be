package dev.ticketspace.rulesets;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ticketspace.rules.RuleProblem;
import java.util.List;

/**
 * What checking a rule set found: how many rules compiled, every compile problem ({@code file:line:col}),
 * and how the set's own scenarios went (null when they could not run: the rules did not compile, or the
 * check was stopped).
 *
 * @param millis how long the check took
 */
public record Check(int rules, List<RuleProblem> problems, Scenarios scenarios, long millis) {
    /** At most this many problems, scenario failures and differences per failure are kept. */
    static final int MAX_LISTED = 100;

    public Check {
        problems = List.copyOf(problems);
    }

    /**
     * @param warnings decisions only a tie-break settled, in scenarios that passed or failed
     */
    public record Scenarios(int passed, int failed, List<Failure> failures, List<String> warnings) {
    }

    /**
     * A scenario that failed, or a scenario file that could not be read (then {@code name} is null and the
     * only difference says what is wrong, at its {@code file:line}).
     */
    public record Failure(String file, int line, String name, List<String> differences) {
    }

    /** Whether the set may be published: no compile error, and its scenarios ran and passed. */
    @JsonIgnore
    public boolean publishable() {
        return errors() == 0 && scenarios != null && scenarios.failed() == 0;
    }

    /** How many problems are errors (not warnings). */
    @JsonIgnore
    public long errors() {
        return problems.stream().filter(p -> !p.warning()).count();
    }

    /** A check that could not finish: one problem saying why. */
    static Check stopped(String why, long millis) {
        return new Check(0, List.of(new RuleProblem("", 1, 1, why, false)), null, millis);
    }
}
