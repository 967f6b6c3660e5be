package dev.ticketspace.rules;

import com.codahale.metrics.health.HealthCheck;

/** {@code rules}: healthy while the rule base serves; names how many rules it holds. */
public final class RulesHealthCheck extends HealthCheck {
    private final RuleBase ruleBase;

    public RulesHealthCheck(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    @Override
    protected Result check() {
        return Result.healthy(ruleBase.ruleCount() + " rules loaded");
    }
}
