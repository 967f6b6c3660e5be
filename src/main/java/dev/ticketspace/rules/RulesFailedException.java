package dev.ticketspace.rules;

import java.util.List;
import java.util.stream.Collectors;

/** The rules do not compile; the message lists every error as {@code file:line:col: message}. */
public final class RulesFailedException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RulesFailedException(List<RuleProblem> problems) {
        super("the rules do not compile:\n" + problems.stream().map(RuleProblem::toString)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
