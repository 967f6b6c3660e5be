package dev.ticketspace.rules;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /tasks/reload-rules} on the admin port: rebuilds the rules from their directory now and
 * prints the outcome. For development: on this replica only, until the next publication.
 */
public final class ReloadRulesTask extends Task {
    private final Supplier<RulesCompiler.Compilation> reload;

    /** @param reload rebuilds and switches to the directory's rules, e.g. {@code RuleBase::reload} */
    public ReloadRulesTask(Supplier<RulesCompiler.Compilation> reload) {
        super("reload-rules");
        this.reload = reload;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        RulesCompiler.Compilation compilation = reload.get();
        if (compilation.succeeded()) {
            output.println("reloaded " + compilation.ruleCount() + " rules");
            compilation.problems().forEach(output::println);
        } else {
            output.println("reload failed; the previous rules keep serving");
            compilation.errors().forEach(output::println);
        }
    }
}
