package dev.ticketspace.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.rules.Scope;
import dev.ticketspace.rules.decisions.Decision;
import dev.ticketspace.rules.facts.Counts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

/**
 * The shipped read-time rules through Drools, exactly as the service calls them, against the same
 * decisions written in plain Java, in three measures: one subject (what an event decides again for each
 * subject it touches), one customer's read (the customer scope over its kept counts) and one whole
 * customer (every subject and then the customer: what a rules change decides again). Customers have 5
 * tickets and 6 conversations. Run with bench/rules.sh.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleEvaluationBenchmark {
    private static final int CUSTOMERS = 1024;
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private RuleBase rules;
    private List<GeneratedCustomers.Facts> customers;
    private List<Counts> counts;
    private List<GeneratedCustomers.Subject> subjects;
    private int nextCustomer;
    private int nextSubject;

    @Setup
    public void setUp() {
        // As in the service (logging at INFO or above): Drools' debug logging is not part of the measure.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        rules = new RuleBase(new RulesCompiler(Path.of(System.getProperty("rules", "rules"))), new MetricRegistry());
        rules.start();
        checkAgreement();
        customers = GeneratedCustomers.generate(CUSTOMERS, 5, 6, 42);
        counts = customers.stream().map(RuleEvaluationBenchmark::counts).toList();
        subjects = customers.stream().flatMap(customer -> customer.subjects().stream()).toList();
    }

    @Benchmark
    public Object subjectDrools() {
        return rules.decide(Scope.SUBJECT, subjects.get(nextSubject()).facts(), NOW, false);
    }

    @Benchmark
    public Object subjectJava() {
        return HandWrittenDecisions.subject(subjects.get(nextSubject()));
    }

    @Benchmark
    public Object customerDrools() {
        int next = nextCustomer();
        return decideCustomer(customers.get(next), counts.get(next));
    }

    @Benchmark
    public Object customerJava() {
        int next = nextCustomer();
        return HandWrittenDecisions.customer(customers.get(next).settings(), counts.get(next));
    }

    @Benchmark
    public Object wholeCustomerDrools() {
        int next = nextCustomer();
        List<Object> decided = new ArrayList<>();
        for (GeneratedCustomers.Subject subject : customers.get(next).subjects()) {
            decided.add(rules.decide(Scope.SUBJECT, subject.facts(), NOW, false));
        }
        decided.add(decideCustomer(customers.get(next), counts.get(next)));
        return decided;
    }

    @Benchmark
    public Object wholeCustomerJava() {
        int next = nextCustomer();
        List<Object> decided = new ArrayList<>();
        for (GeneratedCustomers.Subject subject : customers.get(next).subjects()) {
            decided.add(HandWrittenDecisions.subject(subject));
        }
        decided.add(HandWrittenDecisions.customer(customers.get(next).settings(), counts.get(next)));
        return decided;
    }

    private Decisions decideCustomer(GeneratedCustomers.Facts customer, Counts kept) {
        return rules.decide(Scope.CUSTOMER, List.of(customer.settings(), customer.customer(), kept), NOW, false);
    }

    private int nextCustomer() {
        nextCustomer = (nextCustomer + 1) & (CUSTOMERS - 1);
        return nextCustomer;
    }

    private int nextSubject() {
        nextSubject = (nextSubject + 1) % subjects.size();
        return nextSubject;
    }

    /** The counts the service keeps for the customer, from the hand-written subject decisions. */
    private static Counts counts(GeneratedCustomers.Facts customer) {
        return HandWrittenDecisions.counts(customer.subjects(),
                customer.subjects().stream().map(HandWrittenDecisions::subject).toList());
    }

    /** A baseline that decided otherwise would measure nothing: refuse to run unless both agree. */
    private void checkAgreement() {
        for (GeneratedCustomers.Facts customer : GeneratedCustomers.generate(2000, 5, 6, 7)) {
            for (GeneratedCustomers.Subject subject : customer.subjects()) {
                agree("subject " + subject.tickets(), HandWrittenDecisions.subject(subject),
                        rules.decide(Scope.SUBJECT, subject.facts(), NOW, false));
            }
            Counts kept = counts(customer);
            agree("customer " + customer.customer().id() + " " + kept,
                    HandWrittenDecisions.customer(customer.settings(), kept), decideCustomer(customer, kept));
        }
    }

    private static void agree(String what, Set<Decision> java, Decisions drools) {
        Set<Decision> fromRules = new HashSet<>(drools.all(Decision.class));
        if (!fromRules.equals(java)) {
            Set<Decision> onlyRules = new HashSet<>(fromRules);
            onlyRules.removeAll(java);
            Set<Decision> onlyJava = new HashSet<>(java);
            onlyJava.removeAll(fromRules);
            throw new IllegalStateException("the hand-written baseline disagrees with the rules about " + what
                    + ": only rules " + onlyRules + ", only Java " + onlyJava);
        }
    }
}
