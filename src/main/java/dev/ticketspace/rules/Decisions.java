package dev.ticketspace.rules;

import dev.ticketspace.rules.decisions.Decision;
import dev.ticketspace.rules.decisions.OnePerSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The decisions standing after the rules have run, the rule that made each one, and the next moment at
 * which a time-based rule would decide otherwise.
 */
public final class Decisions {
    private final List<Decision> decisions;
    private final Map<Decision, String> ruleNames;
    private final Instant nextChange;

    Decisions(List<Decision> decisions, Map<Decision, String> ruleNames, Instant nextChange) {
        this.decisions = List.copyOf(decisions);
        this.ruleNames = ruleNames;
        this.nextChange = nextChange;
    }

    /**
     * The decisions this scope makes: an evaluation of one scope also fires the rules of the other that
     * need no fact at all, and what they decide is the other scope's to keep.
     */
    Decisions in(Scope scope) {
        return new Decisions(decisions.stream()
                .filter(d -> Scope.SUBJECT.decides(d.getClass()) == (scope == Scope.SUBJECT)).toList(),
                ruleNames, nextChange);
    }

    public <T extends Decision> List<T> all(Class<T> type) {
        return decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Decision> boolean any(Class<T> type, Predicate<T> condition) {
        return all(type).stream().anyMatch(condition);
    }

    /** The decision that stands for each subject, of a kind each subject gets one of. */
    public <T extends OnePerSubject<T>> Collection<T> standing(Class<T> type) {
        BinaryOperator<T> greater = BinaryOperator.maxBy(Comparator.naturalOrder());
        return all(type).stream().collect(Collectors.toMap(Decision::subject, d -> d, greater, LinkedHashMap::new))
                .values();
    }

    /**
     * Subjects that rules gave several differing decisions of the same, highest priority, of a kind that
     * stands once per subject: the tie-break chose. Each is described with the rules that made them (known
     * when the rules ran with explain on).
     */
    public List<String> conflicts() {
        Map<String, List<OnePerSubject<?>>> bySubject = decisions.stream()
                .filter(OnePerSubject.class::isInstance).map(d -> (OnePerSubject<?>) d).distinct()
                .collect(Collectors.groupingBy(d -> d.name() + " " + d.subject(), LinkedHashMap::new,
                        Collectors.toList()));
        List<String> conflicts = new ArrayList<>();
        bySubject.forEach((subject, made) -> {
            int highest = made.stream().mapToInt(OnePerSubject::priority).max().orElseThrow();
            List<OnePerSubject<?>> tied = made.stream().filter(d -> d.priority() == highest).toList();
            if (tied.size() > 1) {
                conflicts.add(subject + ": " + tied.stream()
                        .map(d -> d + (ruleNames.containsKey(d) ? " from \"" + ruleNames.get(d) + "\"" : ""))
                        .collect(Collectors.joining(", ")));
            }
        });
        return conflicts.stream().sorted().toList();
    }

    /** The name of the rule that made the decision, or null unless the rules ran with explain on. */
    public String ruleOf(Decision decision) {
        return ruleNames.get(decision);
    }

    /** When a time-based rule would next decide otherwise, or null when no rule asked about time. */
    public Instant nextChange() {
        return nextChange;
    }

    /** Each decision with the rule that made it; empty unless the rules ran with explain on. */
    public List<Explanation> explanations() {
        return decisions.stream()
                .filter(ruleNames::containsKey)
                .map(d -> new Explanation(d.name(), d.subject(), ruleNames.get(d)))
                .sorted(Explanation.ORDER)
                .toList();
    }
}
