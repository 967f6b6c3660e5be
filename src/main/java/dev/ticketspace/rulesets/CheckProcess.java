package dev.ticketspace.rulesets;

import ch.qos.logback.classic.Level;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.JsonSettings;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RuleProblem;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.scenarios.Scenario;
import dev.ticketspace.scenarios.ScenarioFormatException;
import dev.ticketspace.scenarios.ScenarioParser;
import dev.ticketspace.scenarios.ScenarioResult;
import dev.ticketspace.scenarios.ScenarioRunner;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.BootstrapLogging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of one rule set, in a JVM of its own that {@link RuleSetChecker} starts, bounds and stops:
 * compiles the set's DRL files and runs its scenarios as {@code rules test} does. Its working directory is
 * an empty folder the files are written into, so that every problem and difference names a file by its
 * path in the set. Reads {@code {"files": {...}, "cardLimit": 3}} from the first argument's file and writes
 * the {@link Check} as JSON to the second's.
 */
public final class CheckProcess {
    private static final Pattern WHERE = Pattern.compile("^(.+?):(\\d+)");
    /** The status the process ends with when something else than its end (a rule, say) exits it. */
    static final int EXITED = 4;

    private CheckProcess() {
    }

    /** What the parent hands over. */
    record Input(Map<String, String> files, int cardLimit) {
    }

    public static void main(String[] args) throws Exception {
        // A consequence calling System.exit would wait for shutdown hooks that may need locks its rule holds.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(EXITED)));
        BootstrapLogging.bootstrap(Level.ERROR);
        ObjectMapper json = JsonSettings.apply(Jackson.newObjectMapper());
        Input input = json.readValue(Path.of(args[0]).toFile(), Input.class);
        long started = System.nanoTime();
        Check check = check(new RuleSetFiles(new TreeMap<>(input.files())), input.cardLimit(), json, started);
        json.writeValue(Path.of(args[1]).toFile(), check);
        Runtime.getRuntime().halt(0);
    }

    private static Check check(RuleSetFiles files, int cardLimit, ObjectMapper json, long started) throws Exception {
        files.write(Path.of(""));
        RulesCompiler.Compilation compilation = new RulesCompiler(Path.of("")).compile(files.drl());
        List<RuleProblem> problems = compilation.problems().stream().limit(Check.MAX_LISTED).toList();
        if (!compilation.succeeded()) {
            return new Check(0, problems, null, millisSince(started));
        }
        RuleBase rules = new RuleBase(new RulesCompiler(Path.of("")), new MetricRegistry());
        rules.start(compilation);
        ScenarioParser parser = new ScenarioParser(json, Validators.newValidator());
        int passed = 0;
        int failed = 0;
        List<Check.Failure> failures = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        try (ScenarioRunner runner = new ScenarioRunner(json, rules, cardLimit)) {
            for (String path : files.scenarios().keySet()) {
                List<Scenario> scenarios;
                try {
                    scenarios = parser.parse(Path.of(path));
                } catch (ScenarioFormatException e) {
                    failed++;
                    failures.add(unreadable(path, e.getMessage()));
                    continue;
                }
                for (Scenario scenario : scenarios) {
                    ScenarioResult result = runner.run(scenario);
                    result.warnings().forEach(w -> warnings.add(path + ":" + scenario.line() + " " + scenario.name() + ": " + w));
                    if (result.passed()) {
                        passed++;
                    } else {
                        failed++;
                        failures.add(new Check.Failure(path, scenario.line(), scenario.name(),
                                result.differences().stream().limit(Check.MAX_LISTED).toList()));
                    }
                }
            }
        } finally {
            rules.stop();
        }
        return new Check(compilation.ruleCount(), problems, new Check.Scenarios(passed, failed,
                failures.stream().limit(Check.MAX_LISTED).toList(),
                warnings.stream().limit(Check.MAX_LISTED).toList()), millisSince(started));
    }

    /** A scenario file that does not parse: the message starts with its {@code file:line}. */
    private static Check.Failure unreadable(String path, String message) {
        Matcher where = WHERE.matcher(message);
        int line = where.find() && where.group(1).equals(path) ? Integer.parseInt(where.group(2)) : 1;
        return new Check.Failure(path, line, null, List.of(message));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
