package dev.ticketspace.cli;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.api.JsonSettings;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RuleProblem;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.scenarios.Scenario;
import dev.ticketspace.scenarios.ScenarioFormatException;
import dev.ticketspace.scenarios.ScenarioParser;
import dev.ticketspace.scenarios.ScenarioResult;
import dev.ticketspace.scenarios.ScenarioRunner;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code rules check [config.yml]} compiles the rules as the server does and prints every problem as
 * {@code file:line:col: message}; {@code rules test [config.yml] [--scenarios PATH]} runs the scenarios.
 * Both exit 1 when something is wrong.
 */
public final class RulesCommand extends TicketspaceCommand {
    public RulesCommand() {
        super("rules", "Checks the rules (rules check) or runs their scenarios (rules test)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("check", "test").help("check: compile; test: run scenarios");
        super.configure(subparser);
        subparser.addArgument("--scenarios").help("a scenario file or directory (default: <rules.directory>/scenarios)");
    }

    @Override
    protected void run(Bootstrap<TicketspaceConfiguration> bootstrap, Namespace namespace,
                       TicketspaceConfiguration configuration) throws Exception {
        Path directory = Path.of(configuration.getRules().directory());
        RulesCompiler compiler = new RulesCompiler(directory);
        if (namespace.getString("action").equals("check")) {
            check(compiler);
        } else {
            String scenarios = namespace.getString("scenarios");
            test(bootstrap, compiler, configuration.getRules().recentTickets().limit(),
                    scenarios == null ? directory.resolve("scenarios") : Path.of(scenarios));
        }
    }

    private static void check(RulesCompiler compiler) {
        RulesCompiler.Compilation compilation = compiler.compile();
        compilation.problems().forEach(System.out::println);
        if (!compilation.succeeded()) {
            throw new CommandFailed(compilation.errors().size() + " error(s) in " + compiler.directory());
        }
        System.out.println(compiler.directory() + ": " + compilation.ruleCount() + " rules, no errors");
    }

    private static void test(Bootstrap<TicketspaceConfiguration> bootstrap, RulesCompiler compiler, int cardLimit,
                             Path scenarios) throws Exception {
        RuleBase rules = new RuleBase(compiler, new MetricRegistry());
        try {
            rules.start();
        } catch (RuntimeException e) {
            throw new CommandFailed(e.getMessage());
        }
        ObjectMapper json = JsonSettings.apply(Jackson.newObjectMapper());
        ScenarioParser parser = new ScenarioParser(json, bootstrap.getValidatorFactory().getValidator());
        List<String> failed = new ArrayList<>();
        int passed = 0;
        try (ScenarioRunner runner = new ScenarioRunner(json, rules, cardLimit)) {
            for (Path file : ScenarioRunner.scenarioFiles(scenarios)) {
                List<Scenario> parsed;
                try {
                    parsed = parser.parse(file);
                } catch (ScenarioFormatException e) {
                    System.out.println("ERROR " + e.getMessage());
                    failed.add(file.toString());
                    continue;
                }
                for (Scenario scenario : parsed) {
                    ScenarioResult result = runner.run(scenario);
                    System.out.println((result.passed() ? "PASS  " : "FAIL  ") + scenario.title());
                    result.differences().forEach(difference -> System.out.println("      " + difference));
                    result.warnings().forEach(warning -> System.out.println("      warning: " + warning));
                    if (result.passed()) {
                        passed++;
                    } else {
                        failed.add(scenario.title());
                    }
                }
            }
        }
        System.out.println(passed + " passed, " + failed.size() + " failed");
        if (!failed.isEmpty()) {
            throw new CommandFailed("failing scenarios: " + String.join("; ", failed));
        }
    }
}
