package dev.ticketspace.rules;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.Supplier;

/**
 * {@code rules}: healthy while the rules last built are the ones serving; unhealthy, with every error,
 * after a build that failed (the previous rules keep serving meanwhile). The next good build heals it.
 * Each message says what the serving rules were built from (a published version, the directory).
 */
public final class RulesHealthCheck extends HealthCheck {
    private final RuleBase ruleBase;
    private final Supplier<String> serving;

    public RulesHealthCheck(RuleBase ruleBase, Supplier<String> serving) {
        this.ruleBase = ruleBase;
        this.serving = serving;
    }

    @Override
    protected Result check() {
        if (!ruleBase.lastErrors().isEmpty()) {
            return Result.unhealthy("the last rules build failed; the previous " + ruleBase.ruleCount()
                    + " rules keep serving (" + serving.get() + "):\n" + RuleBase.describe(ruleBase.lastErrors()));
        }
        return Result.healthy(ruleBase.ruleCount() + " rules loaded (" + serving.get() + ")");
    }
}
