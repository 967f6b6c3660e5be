package dev.ticketspace.rules;

import dev.ticketspace.rules.decisions.Decision;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The decisions standing after the rules have run, and the rule that made each one. */
public final class Decisions {
    private final List<Decision> decisions;
    private final Map<Decision, String> ruleNames;

    Decisions(List<Decision> decisions, Map<Decision, String> ruleNames) {
        this.decisions = List.copyOf(decisions);
        this.ruleNames = ruleNames;
    }

    public <T extends Decision> List<T> all(Class<T> type) {
        return decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Decision> boolean any(Class<T> type, Predicate<T> condition) {
        return all(type).stream().anyMatch(condition);
    }

    /** Each decision with the rule that made it; empty unless the rules ran with explain on. */
    public List<Explanation> explanations() {
        return decisions.stream()
                .filter(ruleNames::containsKey)
                .map(d -> new Explanation(d.name(), d.subject(), ruleNames.get(d)))
                .sorted(Comparator.comparing(Explanation::decision).thenComparing(Explanation::subject)
                        .thenComparing(Explanation::rule))
                .toList();
    }
}
