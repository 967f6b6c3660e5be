package dev.ticketspace.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Backend;
import dev.ticketspace.support.FixtureRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules under test compile cleanly, and the mistakes people really make in DRL are reported at the
 * right file and line (made in a copy of the fixture rule set {@code rulesets/machinery}, whose text no
 * business user edits).
 */
class RulesCheckTest {
    @TempDir
    Path rules;

    @BeforeEach
    void copyFixtureRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(FixtureRules.directory("machinery")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void theRulesUnderTestCompileCleanly() {
        RulesCompiler.Compilation compilation = new RulesCompiler(Backend.rulesDirectory()).compile();

        assertThat(compilation.problems()).isEmpty();
        assertThat(compilation.ruleCount()).isPositive();
    }

    @Test
    void aTypoInAFactFieldIsReportedOnItsLine() throws IOException {
        int line = replaceInView("Ticket(notifiedAt != null", "Ticket(notifedAt != null");

        assertThat(errors()).anySatisfy(problem -> assertAt(problem, line, "notifedAt"));
    }

    @Test
    void anUnknownTypeIsReportedOnItsLine() throws IOException {
        int line = replaceInView("TicketUnread($ticketId: ticketId)", "TicketUnred($ticketId: ticketId)");

        assertThat(errors()).anySatisfy(problem -> assertAt(problem, line, "TicketUnred"));
    }

    @Test
    void aMisspeltConstantInAConditionIsReportedOnItsLine() throws IOException {
        int line = replaceIn("events.drl", "MessageAdded(author == Author.CUSTOMER)",
                "MessageAdded(author == Author.CUSTOMR)");

        assertThat(errors()).anySatisfy(problem -> {
            assertThat(problem.file()).endsWith("events.drl");
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.message()).contains("CUSTOMR");
        });
    }

    @Test
    void aMisspeltConstantInAnActionIsReportedOnItsLineInTheRules() throws IOException {
        int line = replaceInView("new SpaceVisible(Space.HOME)", "new SpaceVisible(Space.HOM)");

        assertThat(errors()).anySatisfy(problem -> {
            assertAt(problem, line, "HOM");
            assertThat(problem.column()).isGreaterThan(1);
        });
    }

    @Test
    void aBadOperatorIsReportedOnItsLineAndColumn() throws IOException {
        int line = replaceInView("conversationId != null", "conversationId =! null");

        assertThat(errors()).anySatisfy(problem -> {
            assertAt(problem, line, "=");
            assertThat(problem.column()).isGreaterThan(1);
        });
    }

    @Test
    void aMissingEndIsReportedAtTheNextRule() throws IOException {
        List<String> lines = Files.readAllLines(view());
        int firstEnd = lines.indexOf("end");
        lines.remove(firstEnd);
        Files.write(view(), lines);
        int nextRule = firstRuleLineAfter(lines, firstEnd);

        assertThat(errors()).anySatisfy(problem -> {
            assertThat(problem.file()).endsWith("view.drl");
            assertThat(problem.line()).isBetween(nextRule, nextRule + 8);
        });
    }

    @Test
    void aRuleNameUsedTwiceIsReportedAtTheSecondRule() throws IOException {
        int line = replaceInView("rule \"Every conversation lights the Messages badge\"",
                "rule \"Home is always visible\"");

        assertThat(errors()).anySatisfy(problem -> assertAt(problem, line, "Duplicate rule name"));
    }

    @Test
    void aRuleThatMixesTheTwoScopesIsReportedAtThePatternOfTheOtherScope() throws IOException {
        String settings = "    Settings(homeApps contains \"tickets\")";
        int line = replaceInView(settings, settings + " Ticket(shared)");

        assertThat(errors()).anySatisfy(problem -> {
            assertAt(problem, line, "subject scope");
            assertThat(problem.column()).isEqualTo(settings.length() + 2);
            assertThat(problem.message()).contains("Ticket", "customer scope", "never fires");
        });
    }

    @Test
    void aRuleThatMatchesAHappeningAndAReadTimeDecisionIsReportedAtTheDecision() throws IOException {
        String read = "    $read: TicketRead()";
        int line = replaceIn("events.drl", read, read + " TicketUnread(ticketId == $read.ticketId)");

        assertThat(errors()).anySatisfy(problem -> {
            assertThat(problem.file()).endsWith("events.drl");
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.column()).isEqualTo(read.length() + 2);
            assertThat(problem.message()).contains("TicketRead", "TicketUnread", "subject scope", "never fires");
        });
    }

    @Test
    void aRuleThatMatchesAHappeningAndTheRowsOrSettingsItHappensToCompiles() throws IOException {
        String read = "    $read: TicketRead()";
        replaceIn("events.drl", read, read + " Ticket(id == $read.ticketId) Settings()");

        assertThat(new RulesCompiler(rules).compile().problems()).isEmpty();
    }

    private List<RuleProblem> errors() {
        RulesCompiler.Compilation compilation = new RulesCompiler(rules).compile();
        assertThat(compilation.succeeded()).isFalse();
        return compilation.errors();
    }

    private static void assertAt(RuleProblem problem, int line, String mentioned) {
        assertThat(problem.file()).endsWith("view.drl");
        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.message()).contains(mentioned);
        assertThat(problem.toString()).startsWith(problem.file() + ":" + line + ":");
    }

    private Path view() {
        return rules.resolve("view.drl");
    }

    /** Replaces the first occurrence in view.drl and answers its 1-based line. */
    private int replaceInView(String text, String replacement) throws IOException {
        return replaceIn("view.drl", text, replacement);
    }

    private int replaceIn(String file, String text, String replacement) throws IOException {
        Path path = rules.resolve(file);
        List<String> lines = Files.readAllLines(path);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                lines.set(i, lines.get(i).replace(text, replacement));
                Files.write(path, lines);
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    private static int firstRuleLineAfter(List<String> lines, int index) {
        for (int i = index; i < lines.size(); i++) {
            if (lines.get(i).startsWith("rule ")) {
                return i + 1;
            }
        }
        throw new AssertionError("no rule after line " + index);
    }
}
