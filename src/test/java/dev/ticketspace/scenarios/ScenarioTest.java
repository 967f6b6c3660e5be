package dev.ticketspace.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.JsonSettings;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.support.Backend;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every scenario in rules/scenarios (or the scenarios of -Dticketspace.rulesDirectory), one test each, through the real pipeline with the real rules. */
class ScenarioTest {
    private static final ObjectMapper JSON = JsonSettings.apply(Jackson.newObjectMapper());
    private static ScenarioParser parser;
    private static ScenarioRunner runner;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startRunner() throws Exception {
        RuleBase rules = new RuleBase(new RulesCompiler(Backend.rulesDirectory()), new MetricRegistry());
        rules.start();
        parser = new ScenarioParser(JSON, Validators.newValidator());
        runner = new ScenarioRunner(JSON, rules, 3);
    }

    @AfterAll
    static void stopRunner() throws Exception {
        runner.close();
    }

    @TestFactory
    Stream<DynamicTest> shippedScenarios() throws IOException {
        List<Scenario> scenarios = ScenarioRunner.scenarioFiles(Backend.rulesDirectory().resolve("scenarios")).stream()
                .flatMap(file -> parser.parse(file).stream())
                .toList();
        assertThat(scenarios).isNotEmpty();
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.title(), () -> {
            ScenarioResult result = runner.run(scenario);
            assertThat(result.differences()).as(scenario.title()).isEmpty();
        }));
    }

    @Test
    void aWrongExpectationIsReportedWithTheStepPathExpectedAndActual() throws IOException {
        Path file = write("""
                name: wrong on purpose
                steps:
                  - events:
                      - {type: ticket.created, occurredAt: +0m, ticketId: t1, title: T, state: {category: submitted, label: New}}
                    expect:
                      spaces:
                        tickets: {visible: true, badge: 5}
                      card: [t1, t2]
                """);

        ScenarioResult result = runner.run(parser.parse(file).get(0));

        assertThat(result.passed()).isFalse();
        assertThat(result.differences()).containsExactly(
                "step 1 (" + file + ":3): spaces.tickets.badge: expected 5, got 1",
                "step 1 (" + file + ":3): card: expected [\"t1\",\"t2\"], got [\"t1\"]");
    }

    @Test
    void anUnknownEventTypeNamesTheFileAndLine() throws IOException {
        Path file = write("""
                name: typo
                steps:
                  - events:
                      - {type: conversation.created, occurredAt: +0m, conversationId: conv1}
                      - {type: ticket.creatd, occurredAt: +1m, ticketId: t1}
                """);

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageStartingWith(file + ":5: ")
                .hasMessageContaining("unknown event type 'ticket.creatd'");
    }

    @Test
    void anUnknownEventFieldNamesTheFileAndLine() throws IOException {
        Path file = write("""
                name: typo
                steps:
                  - events:
                      - type: conversation.created
                        occurredAt: +0m
                        conversationId: conv1
                      - type: conversation.message_added
                        occurredAt: +1m
                        conversationId: conv1
                        messageId: m1
                        autor: teammate
                """);

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageStartingWith(file + ":7: ")
                .hasMessageContaining("unknown field 'autor'");
    }

    @Test
    void aRejectedEventFailsTheScenarioUnlessExpected() throws IOException {
        Path file = write("""
                name: unknown ticket
                steps:
                  - events:
                      - {type: ticket.read, occurredAt: +0m, ticketId: nope}
                ---
                name: expected rejection
                steps:
                  - events:
                      - {type: ticket.read, occurredAt: +0m, ticketId: nope}
                    expect:
                      results: ["rejected: unknown_ticket"]
                """);
        List<Scenario> scenarios = parser.parse(file);

        assertThat(runner.run(scenarios.get(0)).differences())
                .containsExactly("step 1 (" + file + ":3): events not applied: [rejected: unknown_ticket]");
        assertThat(runner.run(scenarios.get(1)).passed()).isTrue();
    }

    @Test
    void explainAndItsAbsenceAreCheckedLineByLine() throws IOException {
        Path file = write("""
                name: explain on purpose
                steps:
                  - events:
                      - {type: ticket.created, occurredAt: +0m, ticketId: t1, title: T, state: {category: submitted, label: New}}
                    expect:
                      explain:
                        - {decision: badge, subject: tickets/t1}
                        - {decision: badge, subject: tickets/t2}
                      notExplained:
                        - {decision: ticket_unread, subject: t1}
                """);

        List<String> differences = runner.run(parser.parse(file).get(0)).differences();

        assertThat(differences).hasSize(2);
        assertThat(differences.get(0)).startsWith("step 1 (" + file + ":3): explain: no line matches "
                + "{\"decision\":\"badge\",\"subject\":\"tickets/t2\"}; explained: {\"decision\":\"badge\",\"subject\":\"tickets/t1\"");
        assertThat(differences.get(1)).startsWith("step 1 (" + file + ":3): notExplained: "
                + "{\"decision\":\"ticket_unread\",\"subject\":\"t1\"} is explained: ");
    }

    @Test
    void settingsChangeMidScenarioAndPagesAndResultsAreShownInTheirShortForms() throws IOException {
        Path file = write("""
                name: short forms on purpose
                steps:
                  - events:
                      - {type: ticket.created, occurredAt: +0m, ticketId: t1, title: T, state: {category: submitted, label: New}}
                      - {type: ticket.created, occurredAt: +1m, ticketId: t2, title: T, state: {category: submitted, label: New}}
                      - {type: ticket.read, occurredAt: +2m, ticketId: nope}
                    expect:
                      results: [applied, applied, {status: rejected, code: unknown_ticket}]
                      pages: {limit: 1, tickets: [[t1], [t2]]}
                      card: [t1]
                  - settings: {homeApps: [news]}
                    expect:
                      settings: {homeApps: [news], ticketsSpaceEnabled: true}
                      pages: {limit: 1, tickets: hidden}
                """);

        List<String> differences = runner.run(parser.parse(file).get(0)).differences();

        assertThat(differences).containsExactly(
                "step 1 (" + file + ":3): pages.tickets[0][0]: expected \"t1\", got t2",
                "step 1 (" + file + ":3): pages.tickets[1][0]: expected \"t2\", got t1",
                "step 1 (" + file + ":3): card: expected [\"t1\"], got [\"t2\",\"t1\"]",
                "step 2 (" + file + ":11): settings.ticketsSpaceEnabled: expected true, got false",
                "step 2 (" + file + ":11): pages: expected {\"limit\":1,\"tickets\":\"hidden\"}, got \"hidden\"");
    }

    @Test
    void anUnknownExpectationNamesTheFileAndLine() throws IOException {
        Path file = write("""
                name: typo
                steps:
                  - events:
                      - {type: conversation.created, occurredAt: +0m, conversationId: conv1}
                    expect:
                      conversaions: []
                """);

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageStartingWith(file + ":3")
                .hasMessageContaining("unknown key 'conversaions'");
    }

    private Path write(String yaml) throws IOException {
        Path file = scratch.resolve("scenario.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
