package dev.ticketspace.rules;

import dev.ticketspace.rules.decisions.Decision;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Holds the compiled rules: one {@link KieBase} shared by every request, built at start-up.
 * Each evaluation runs in a fresh session that is disposed of at once.
 */
public final class RuleBase implements Managed {
    /** A rule set that keeps inserting never settles; stop it rather than loop forever. */
    static final int MAX_FIRINGS = 100_000;

    private final RulesCompiler compiler;
    private volatile RulesCompiler.Compilation current;

    public RuleBase(RulesCompiler compiler) {
        this.compiler = compiler;
    }

    /** Compiles the rules; fails, listing every error, when they do not compile. */
    @Override
    public void start() {
        RulesCompiler.Compilation compilation = compiler.compile();
        if (!compilation.succeeded()) {
            throw new RulesFailedException(compilation.errors());
        }
        current = compilation;
    }

    public int ruleCount() {
        return compilation().ruleCount();
    }

    /**
     * Runs the rules over the facts and returns the decisions that stand once no rule fires any more.
     * With {@code explain}, each decision remembers the rule that inserted it.
     */
    public Decisions decide(Collection<?> facts, boolean explain) {
        KieSession session = compilation().kieBase().newKieSession();
        try {
            Map<Decision, String> ruleNames = new IdentityHashMap<>();
            if (explain) {
                session.addEventListener(new DefaultRuleRuntimeEventListener() {
                    @Override
                    public void objectInserted(ObjectInsertedEvent event) {
                        if (event.getObject() instanceof Decision decision && event.getRule() != null) {
                            ruleNames.putIfAbsent(decision, event.getRule().getName());
                        }
                    }
                });
            }
            facts.forEach(session::insert);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new IllegalStateException("the rules fired " + MAX_FIRINGS + " times without settling");
            }
            List<Decision> decisions = new ArrayList<>();
            for (Object fact : session.getObjects(Decision.class::isInstance)) {
                decisions.add((Decision) fact);
            }
            return new Decisions(decisions, ruleNames);
        } finally {
            session.dispose();
        }
    }

    private RulesCompiler.Compilation compilation() {
        RulesCompiler.Compilation compilation = current;
        if (compilation == null) {
            throw new IllegalStateException("the rule base has not been started");
        }
        return compilation;
    }
}
