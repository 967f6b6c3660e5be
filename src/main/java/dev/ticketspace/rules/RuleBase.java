package dev.ticketspace.rules;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.ticketspace.rules.decisions.Decision;
import dev.ticketspace.rules.facts.Now;
import io.dropwizard.lifecycle.Managed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the compiled rules: their rule bases (one for happenings, one per {@link Scope}) shared by every
 * request, built at start-up and rebuilt on reload. Each evaluation runs in its own session (a pooled
 * one, reset: as empty as a new one) on the rules current when it starts, so a reload never disturbs
 * requests in flight. A reload that fails keeps the last good rules serving.
 */
public final class RuleBase implements Managed {
    /** Times every build of the rules a replica serves: at start-up, on reloads and on publications. */
    public static final String BUILD_TIMER = "rules.build";
    /** A rule set that keeps inserting never settles; stop it rather than loop forever. */
    static final int MAX_FIRINGS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);

    private final RulesCompiler compiler;
    private final MetricRegistry metrics;
    private final Timer buildTime;
    private final Counter reloadSuccesses;
    private final Counter reloadFailures;
    private final Map<String, Counter> firings = new ConcurrentHashMap<>();
    private final AgendaEventListener firingCounter = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            firings.computeIfAbsent(event.getMatch().getRule().getName(),
                    name -> metrics.counter(MetricRegistry.name("rules.fired", name))).inc();
        }
    };
    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();
    /**
     * Evaluations running at once, at most one per core: they only compute, so more would not finish
     * sooner, and Drools' truth maintenance takes a lock shared by all sessions, which many threads at a
     * time turn into spinning and context switches (seen as most of a read's time under load).
     */
    private final Semaphore evaluating = new Semaphore(Runtime.getRuntime().availableProcessors());
    private volatile ServingRules current;
    /** The errors of the last build, empty when it succeeded. */
    private volatile List<RuleProblem> lastErrors = List.of();

    public RuleBase(RulesCompiler compiler, MetricRegistry metrics) {
        this.compiler = compiler;
        this.metrics = metrics;
        this.buildTime = metrics.timer(BUILD_TIMER);
        this.reloadSuccesses = metrics.counter("rules.reloads.succeeded");
        this.reloadFailures = metrics.counter("rules.reloads.failed");
        metrics.gauge("rules.count", () -> () -> current == null ? 0 : current.compilation().ruleCount());
    }

    /** Compiles the rules; fails, listing every error, when they do not compile. */
    @Override
    public void start() {
        start(build());
    }

    /** Starts serving rules compiled elsewhere (a published rule set); fails when they did not compile. */
    public void start(RulesCompiler.Compilation compilation) {
        if (!compilation.succeeded()) {
            throw new RulesFailedException(compilation.errors());
        }
        current = new ServingRules(compilation);
        lastErrors = List.of();
    }

    /** Retires the rules: their sessions are disposed once the evaluations still running are done. */
    @Override
    public void stop() {
        ServingRules rules = current;
        if (rules != null) {
            current = null;
            rules.release();
        }
    }

    /** Runs after each reload that replaced the rules, e.g. to forget what the old rules decided. */
    public void onReload(Runnable listener) {
        reloadListeners.add(listener);
    }

    /**
     * Rebuilds the rules from their directory. A good build replaces the serving one at once; a failed
     * build is logged with every error and leaves the serving rules in place. Reloads run one at a time.
     */
    public synchronized RulesCompiler.Compilation reload() {
        return install(build());
    }

    /**
     * Replaces the serving rules with rules compiled elsewhere (a published rule set), as {@link #reload()}
     * does with the directory's: a failed compilation is reported and leaves the serving rules in place.
     */
    public synchronized RulesCompiler.Compilation install(RulesCompiler.Compilation compilation) {
        if (compilation.succeeded()) {
            ServingRules replaced = current;
            current = new ServingRules(compilation);
            lastErrors = List.of();
            if (replaced != null) {
                replaced.release();
            }
            reloadSuccesses.inc();
            for (Runnable listener : reloadListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.warn("after the rules reload: {}", e.getMessage(), e);
                }
            }
            LOG.info("rules replaced: {} rules", compilation.ruleCount());
        } else {
            lastErrors = compilation.errors();
            reloadFailures.inc();
            LOG.error("rules build failed, the previous rules keep serving:\n{}", describe(compilation.errors()));
        }
        return compilation;
    }

    public int ruleCount() {
        return serving().compilation().ruleCount();
    }

    /** The errors of the last build, empty when the rules serving are the last ones built. */
    public List<RuleProblem> lastErrors() {
        return lastErrors;
    }

    /** Names the serving rules by their text: subjects decided under other rules are decided again. */
    public String fingerprint() {
        return serving().compilation().fingerprint();
    }

    /** The rule base of happenings serving now; reloads replace it, so hold it no longer than one evaluation. */
    public KieBase kieBase() {
        return serving().compilation().kieBase();
    }

    /**
     * Runs the rules of the moment something happens over the facts (a happening among them), with
     * {@link Now} at {@code now}, and returns the decisions that stand once no rule fires any more. With
     * {@code explain}, each decision remembers the rule that inserted it.
     */
    public Decisions decide(Collection<?> facts, Instant now, boolean explain) {
        return decide(ServingRules::newSession, facts, now, explain);
    }

    /**
     * Runs the scope's rules over the facts, as {@link #decide(Collection, Instant, boolean)} runs the
     * rules of happenings, and returns the decisions the scope makes.
     */
    public Decisions decide(Scope scope, Collection<?> facts, Instant now, boolean explain) {
        return decide(rules -> rules.newSession(scope), facts, now, explain).in(scope);
    }

    private Decisions decide(Function<ServingRules, KieSession> sessions, Collection<?> facts, Instant now,
                             boolean explain) {
        evaluating.acquireUninterruptibly();
        ServingRules rules = hold();
        try {
            return decide(sessions.apply(rules), facts, new Now(now), explain);
        } finally {
            rules.release();
            evaluating.release();
        }
    }

    /** The current rules, held for one evaluation: a reload meanwhile retires them only once it is done. */
    private ServingRules hold() {
        while (true) {
            ServingRules rules = serving();
            if (rules.hold()) {
                return rules;
            }
        }
    }

    private Decisions decide(KieSession session, Collection<?> facts, Now now, boolean explain) {
        Map<Decision, String> ruleNames = new IdentityHashMap<>();
        RuleRuntimeEventListener namer = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof Decision decision && event.getRule() != null) {
                    ruleNames.putIfAbsent(decision, event.getRule().getName());
                }
            }
        };
        // A pooled session keeps its listeners through the reset: each evaluation removes its own.
        session.addEventListener(firingCounter);
        if (explain) {
            session.addEventListener(namer);
        }
        try {
            session.insert(now);
            facts.forEach(session::insert);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new IllegalStateException("the rules fired " + MAX_FIRINGS + " times without settling");
            }
            List<Decision> decisions = new ArrayList<>();
            for (Object fact : session.getObjects(Decision.class::isInstance)) {
                decisions.add((Decision) fact);
            }
            return new Decisions(decisions, ruleNames, now.nextChange());
        } finally {
            session.removeEventListener(firingCounter);
            session.removeEventListener(namer);
            session.dispose();
        }
    }

    private RulesCompiler.Compilation build() {
        RulesCompiler.Compilation compilation;
        try (Timer.Context ignored = buildTime.time()) {
            compilation = compiler.compile();
        }
        return compilation;
    }

    private ServingRules serving() {
        ServingRules rules = current;
        if (rules == null) {
            throw new IllegalStateException("the rule base has not been started");
        }
        return rules;
    }

    static String describe(List<RuleProblem> problems) {
        return String.join("\n", problems.stream().map(RuleProblem::toString).toList());
    }
}
