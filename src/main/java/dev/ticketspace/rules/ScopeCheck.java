package dev.ticketspace.rules;

import dev.ticketspace.rules.happenings.Happening;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Finds read-time rules that match facts or decisions of both {@link Scope}s: such a rule never fires, as
 * no evaluation holds both. Rules that match a happening decide when something happens, over the event's
 * rows and the settings together, and are not checked.
 */
final class ScopeCheck {
    private static final Set<String> HAPPENINGS = Arrays.stream(Happening.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(Collectors.toSet());

    private ScopeCheck() {
    }

    /** One error per mixing rule, at the first pattern of the scope its first pattern is not of. */
    static List<RuleProblem> problems(Path directory, Map<String, String> sources) {
        List<RuleProblem> problems = new ArrayList<>();
        sources.forEach((name, text) -> {
            PackageDescr parsed;
            try {
                parsed = new DrlParser().parse(false, text);
            } catch (DroolsParserException e) {
                return;
            }
            if (parsed == null) {
                return;
            }
            for (RuleDescr rule : parsed.getRules()) {
                List<PatternDescr> patterns = new ArrayList<>();
                collect(rule.getLhs(), patterns);
                if (patterns.stream().anyMatch(p -> HAPPENINGS.contains(simpleName(p)))) {
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
            }
        });
        return problems;
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
