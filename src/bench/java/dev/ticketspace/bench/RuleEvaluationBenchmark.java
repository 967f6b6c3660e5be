package dev.ticketspace.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.rules.decisions.Decision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

/**
 * One customer's read-time decisions (5 tickets, 6 conversations): the shipped rules through Drools,
 * against the same decisions written in plain Java. Run with bench/rules.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleEvaluationBenchmark {
    private static final int CUSTOMERS = 1024;
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private RuleBase rules;
    private List<GeneratedCustomers.Facts> customers;
    private int next;

    @Setup
    public void setUp() {
        // As in the service (logging at INFO or above): Drools' debug logging is not part of the measure.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        rules = new RuleBase(new RulesCompiler(Path.of(System.getProperty("rules", "rules"))), new MetricRegistry());
        rules.start();
        customers = GeneratedCustomers.generate(CUSTOMERS, 5, 6, 42);
        checkAgreement();
    }

    @Benchmark
    public Object drools() {
        GeneratedCustomers.Facts customer = nextCustomer();
        return rules.decide(customer.all(), NOW, false);
    }

    @Benchmark
    public Object handWrittenJava() {
        GeneratedCustomers.Facts customer = nextCustomer();
        return HandWrittenDecisions.decide(customer.settings(), customer.tickets(), customer.conversations());
    }

    private GeneratedCustomers.Facts nextCustomer() {
        next = (next + 1) & (CUSTOMERS - 1);
        return customers.get(next);
    }

    /** A baseline that decided otherwise would measure nothing: refuse to run unless both agree. */
    private void checkAgreement() {
        for (GeneratedCustomers.Facts customer : GeneratedCustomers.generate(2000, 5, 6, 7)) {
            Set<Decision> java = HandWrittenDecisions.decide(customer.settings(), customer.tickets(), customer.conversations());
            Decisions drools = rules.decide(customer.all(), NOW, false);
            Set<Decision> fromRules = new HashSet<>(drools.all(Decision.class));
            if (!fromRules.equals(java)) {
                Set<Decision> onlyRules = new HashSet<>(fromRules);
                onlyRules.removeAll(java);
                Set<Decision> onlyJava = new HashSet<>(java);
                onlyJava.removeAll(fromRules);
                throw new IllegalStateException("the hand-written baseline disagrees with the rules: only rules "
                        + onlyRules + ", only Java " + onlyJava);
            }
        }
    }
}
