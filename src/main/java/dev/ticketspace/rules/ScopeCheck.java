package dev.ticketspace.rules;

import dev.ticketspace.rules.happenings.Happening;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Sorts the rules by the {@link Scope} they are evaluated in. A read-time rule that matches facts or
 * decisions of both scopes is an error: it never fires, as no evaluation holds both. Rules that match a
 * happening decide when something happens, over the event's rows and the settings together; they belong
 * to no scope and are not checked. A rule that matches neither (only {@code Now} or {@code Customer}, or
 * nothing) belongs to both scopes.
 */
final class ScopeCheck {
    private static final Set<String> HAPPENINGS = Arrays.stream(Happening.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(Collectors.toSet());

    /** A rule as Drools names it. */
    record RuleName(String packageName, String name) {
    }

    /**
     * The mixing rules, one error each, and for each scope the rules its evaluations never fire: a rule
     * base of the scope's own can leave them out.
     */
    record Result(List<RuleProblem> problems, Map<Scope, List<RuleName>> outside) {
    }

    private ScopeCheck() {
    }

    static Result of(Path directory, Map<String, String> sources) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<Scope, List<RuleName>> outside = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            outside.put(scope, new ArrayList<>());
        }
        sources.forEach((name, text) -> {
            PackageDescr parsed = parse(text);
            if (parsed == null) {
                return;
            }
            for (RuleDescr rule : parsed.getRules()) {
                RuleName ruleName = new RuleName(parsed.getName(), rule.getName());
                List<PatternDescr> patterns = new ArrayList<>();
                collect(rule.getLhs(), patterns);
                if (patterns.stream().anyMatch(p -> HAPPENINGS.contains(simpleName(p)))) {
                    outside.values().forEach(rules -> rules.add(ruleName));
                    continue;
                }
                Scope first = null;
                for (PatternDescr pattern : patterns) {
                    Optional<Scope> scope = scopeOf(pattern);
                    if (scope.isEmpty()) {
                        continue;
                    }
                    if (first == null) {
                        first = scope.get();
                    } else if (first != scope.get()) {
                        problems.add(new RuleProblem(directory.resolve(name).toString(), pattern.getLine(),
                                pattern.getColumn() + 1, "rule \"" + rule.getName() + "\" matches "
                                + simpleName(pattern) + " of the " + scope.get().wire() + " scope and facts of the "
                                + first.wire() + " scope: no evaluation holds both, so it never fires", false));
                        break;
                    }
                }
                for (Scope scope : Scope.values()) {
                    if (first != null && first != scope) {
                        outside.get(scope).add(ruleName);
                    }
                }
            }
        });
        return new Result(List.copyOf(problems), outside);
    }

    /** The file's rules, or null when it does not parse: the build reports why. */
    private static PackageDescr parse(String text) {
        try {
            return new DrlParser().parse(false, text);
        } catch (DroolsParserException e) {
            return null;
        }
    }

    private static void collect(BaseDescr descr, List<PatternDescr> patterns) {
        if (descr instanceof PatternDescr pattern) {
            patterns.add(pattern);
            if (pattern.getSource() != null) {
                collect(pattern.getSource(), patterns);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> collect(child, patterns));
        }
    }

    private static Optional<Scope> scopeOf(PatternDescr pattern) {
        String type = simpleName(pattern);
        for (Scope scope : Scope.values()) {
            if (scope.typeNames().contains(type)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    private static String simpleName(PatternDescr pattern) {
        String type = pattern.getObjectType();
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }
}
