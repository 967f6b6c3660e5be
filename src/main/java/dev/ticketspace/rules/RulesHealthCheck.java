package dev.ticketspace.rules;

import com.codahale.metrics.health.HealthCheck;

/**
 * {@code rules}: healthy while the rules last built are the ones serving; unhealthy, with every error,
 * after a reload that failed (the previous rules keep serving meanwhile). The next good build heals it.
 */
public final class RulesHealthCheck extends HealthCheck {
    private final RuleBase ruleBase;

    public RulesHealthCheck(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    @Override
    protected Result check() {
        if (!ruleBase.lastErrors().isEmpty()) {
            return Result.unhealthy("the last rules build failed; the previous " + ruleBase.ruleCount()
                    + " rules keep serving:\n" + RuleBase.describe(ruleBase.lastErrors()));
        }
        return Result.healthy(ruleBase.ruleCount() + " rules loaded");
    }
}
