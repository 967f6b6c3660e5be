package dev.ticketspace.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mistakes people really make in DRL are reported at the right file and line. */
class RulesCheckTest {
    @TempDir
    Path rules;

    @BeforeEach
    void copyShippedRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void theShippedRulesCompileCleanly() {
        RulesCompiler.Compilation compilation = new RulesCompiler(Path.of("rules")).compile();

        assertThat(compilation.problems()).isEmpty();
        assertThat(compilation.ruleCount()).isGreaterThan(20);
    }

    @Test
    void aTypoInAFactFieldIsReportedOnItsLine() throws IOException {
        int line = replaceInBadges("Ticket(shared, notifiedAt != null", "Ticket(shared, notifedAt != null");

        assertThat(errors()).anySatisfy(problem -> assertAt(problem, line, "notifedAt"));
    }

    @Test
    void anUnknownTypeIsReportedOnItsLine() throws IOException {
        int line = replaceInBadges("TicketUnread($ticketId: ticketId)", "TicketUnred($ticketId: ticketId)");

        assertThat(errors()).anySatisfy(problem -> assertAt(problem, line, "TicketUnred"));
    }

    @Test
    void aBadOperatorIsReportedOnItsLineAndColumn() throws IOException {
        int line = replaceInBadges("category != $category", "category =! $category");

        assertThat(errors()).anySatisfy(problem -> {
            assertAt(problem, line, "=");
            assertThat(problem.column()).isGreaterThan(1);
        });
    }

    @Test
    void aMissingEndIsReportedAtTheNextRule() throws IOException {
        List<String> lines = Files.readAllLines(badges());
        int firstEnd = lines.indexOf("end");
        lines.remove(firstEnd);
        Files.write(badges(), lines);
        int nextRule = firstRuleLineAfter(lines, firstEnd);

        assertThat(errors()).anySatisfy(problem -> {
            assertThat(problem.file()).endsWith("badges.drl");
            assertThat(problem.line()).isBetween(nextRule, nextRule + 8);
        });
    }

    @Test
    void aRuleNameUsedTwiceIsReportedAtTheSecondRule() throws IOException {
        int line = replaceInBadges("rule \"Unread tickets light the Tickets badge\"",
                "rule \"A new ticket lights the Tickets badge\"");

        assertThat(errors()).anySatisfy(problem -> assertAt(problem, line, "Duplicate rule name"));
    }

    private List<RuleProblem> errors() {
        RulesCompiler.Compilation compilation = new RulesCompiler(rules).compile();
        assertThat(compilation.succeeded()).isFalse();
        return compilation.errors();
    }

    private static void assertAt(RuleProblem problem, int line, String mentioned) {
        assertThat(problem.file()).endsWith("badges.drl");
        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.message()).contains(mentioned);
        assertThat(problem.toString()).startsWith(problem.file() + ":" + line + ":");
    }

    private Path badges() {
        return rules.resolve("badges.drl");
    }

    /** Replaces the first occurrence and answers its 1-based line. */
    private int replaceInBadges(String text, String replacement) throws IOException {
        List<String> lines = Files.readAllLines(badges());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                lines.set(i, lines.get(i).replace(text, replacement));
                Files.write(badges(), lines);
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in badges.drl");
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
