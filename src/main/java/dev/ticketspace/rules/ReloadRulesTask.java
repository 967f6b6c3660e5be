package dev.ticketspace.rules;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/reload-rules} on the admin port: rebuilds the rules now and prints the outcome. */
public final class ReloadRulesTask extends Task {
    private final RuleBase ruleBase;

    public ReloadRulesTask(RuleBase ruleBase) {
        super("reload-rules");
        this.ruleBase = ruleBase;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        RulesCompiler.Compilation compilation = ruleBase.reload();
        if (compilation.succeeded()) {
            output.println("reloaded " + compilation.ruleCount() + " rules");
            compilation.problems().forEach(output::println);
        } else {
            output.println("reload failed; the previous rules keep serving");
            compilation.errors().forEach(output::println);
        }
    }
}
