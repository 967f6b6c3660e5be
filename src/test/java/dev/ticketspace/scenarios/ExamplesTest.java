package dev.ticketspace.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.JsonSettings;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples of docs/rules.md, each a folder of docs/examples: the rule files a business user
 * changes, and the scenarios that prove the change. Each runs on the shipped rules with its files put
 * in their place, exactly as the business user would edit them.
 */
class ExamplesTest {
    private static final ObjectMapper JSON = JsonSettings.apply(Jackson.newObjectMapper());
    private static final Path EXAMPLES = Path.of("docs/examples");

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicContainer> everyExampleHoldsOnTheShippedRulesWithItsChanges() throws IOException {
        List<Path> examples;
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            examples = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(examples).hasSize(4);
        return examples.stream().map(example -> DynamicContainer.dynamicContainer(example.getFileName().toString(),
                scenarios(example)));
    }

    private Stream<DynamicTest> scenarios(Path example) {
        try {
            Path rules = Files.createDirectories(scratch.resolve(example.getFileName()));
            try (Stream<Path> shipped = Files.list(Path.of("rules"))) {
                for (Path file : shipped.filter(p -> p.toString().endsWith(".drl")).toList()) {
                    Files.copy(file, rules.resolve(file.getFileName()));
                }
            }
            List<Path> changed;
            try (Stream<Path> files = Files.list(example)) {
                changed = files.filter(p -> p.toString().endsWith(".drl")).toList();
            }
            assertThat(changed).as("the rule files " + example + " changes").isNotEmpty();
            for (Path file : changed) {
                assertThat(rules.resolve(file.getFileName())).as("a shipped file").exists();
                Files.copy(file, rules.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            RuleBase ruleBase = new RuleBase(new RulesCompiler(rules), new MetricRegistry());
            ruleBase.start();
            ScenarioParser parser = new ScenarioParser(JSON, Validators.newValidator());
            ScenarioRunner runner = new ScenarioRunner(JSON, ruleBase, 3);
            List<Scenario> scenarios = ScenarioRunner.scenarioFiles(example).stream()
                    .flatMap(file -> parser.parse(file).stream()).toList();
            assertThat(scenarios).as("the scenarios of " + example).isNotEmpty();
            return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.title(), () -> {
                assertThat(runner.run(scenario).differences()).as(scenario.title()).isEmpty();
            })).onClose(() -> {
                ruleBase.stop();
                try {
                    runner.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the example " + example, e);
        }
    }
}
