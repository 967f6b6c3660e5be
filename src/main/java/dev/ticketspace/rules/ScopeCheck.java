package dev.ticketspace.rules;

import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
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
 * Sorts the rules by where they are evaluated. Rules that match a happening decide when something
 * happens, over the event's rows and the settings together. The others decide what the customer sees, in
 * the {@link Scope} of what they match; one that matches neither scope's types (only {@code Now} or
 * {@code Customer}, or nothing) belongs to both scopes and fires when something happens too. A rule that
 * could never fire is an error: a read-time rule matching facts or decisions of both scopes, as no
 * evaluation holds both, and a rule matching a happening and something only a read-time evaluation holds.
 */
final class ScopeCheck {
    private static final Set<String> HAPPENINGS = Arrays.stream(Happening.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(Collectors.toSet());
    /** The facts of the scopes that an evaluation of a happening holds as well. */
    private static final Set<String> AT_EVENTS = Set.of(Settings.class.getSimpleName(),
            Ticket.class.getSimpleName(), Conversation.class.getSimpleName());

    /** A rule as Drools names it. */
    record RuleName(String packageName, String name) {
    }

    /**
     * The rules that never fire, one error each; for each scope, the rules its evaluations never fire; and
     * the read-time rules, which an evaluation of a happening never needs. A rule base for each evaluation
     * can leave those out.
     */
    record Result(List<RuleProblem> problems, Map<Scope, List<RuleName>> outside, List<RuleName> readTime) {
    }

    private ScopeCheck() {
    }

    static Result of(Path directory, Map<String, String> sources) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<Scope, List<RuleName>> outside = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            outside.put(scope, new ArrayList<>());
        }
        List<RuleName> readTime = new ArrayList<>();
        sources.forEach((name, text) -> {
            PackageDescr parsed = parse(text);
            if (parsed == null) {
                return;
            }
            for (RuleDescr rule : parsed.getRules()) {
                RuleName ruleName = new RuleName(parsed.getName(), rule.getName());
                List<PatternDescr> patterns = new ArrayList<>();
                collect(rule.getLhs(), patterns);
                Optional<PatternDescr> happening = patterns.stream()
                        .filter(p -> HAPPENINGS.contains(simpleName(p))).findFirst();
                if (happening.isPresent()) {
                    patterns.stream().filter(p -> scopeOf(p).isPresent() && !AT_EVENTS.contains(simpleName(p)))
                            .findFirst().ifPresent(pattern -> problems.add(new RuleProblem(
                                    directory.resolve(name).toString(), pattern.getLine(), pattern.getColumn() + 1,
                                    "rule \"" + rule.getName() + "\" matches " + simpleName(happening.get())
                                    + ", a happening, and " + simpleName(pattern) + " of the "
                                    + scopeOf(pattern).orElseThrow().wire() + " scope, which only a read of the "
                                    + "customer's state holds: no evaluation holds both, so it never fires", false)));
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
                if (first != null) {
                    readTime.add(ruleName);
                }
                for (Scope scope : Scope.values()) {
                    if (first != null && first != scope) {
                        outside.get(scope).add(ruleName);
                    }
                }
            }
        });
        return new Result(List.copyOf(problems), outside, readTime);
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
