package dev.ticketspace.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.rules.decisions.HomeCard;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/**
 * Hundreds of reloads do not grow memory without bound: every replaced rule base (and the classes the
 * executable model generated for it) can be collected. Runs on a two-rule set so that one reload costs
 * a compilation of a few hundred milliseconds rather than the seconds the shipped rules take.
 */
class RuleReloadMemoryTest {
    private static final int RELOADS = 220;
    private static final int WARM_UP = 40;
    /**
     * Reloads stop at this budget even if fewer than {@link #RELOADS} were done: one takes 100 to 400 ms
     * depending on how busy the machine is. The weak references tell a leak after any number of reloads;
     * the heap bound needs about a hundred after the warm-up.
     */
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(70);
    private static final int AT_LEAST = 140;
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path rules;

    @Test
    @Timeout(value = 100, unit = TimeUnit.SECONDS)
    void hundredsOfReloadsReleaseEveryReplacedRuleBase() throws IOException, InterruptedException {
        writeRules(1);
        RuleBase ruleBase = new RuleBase(new RulesCompiler(rules), new MetricRegistry());
        ruleBase.start();
        assertThat(ruleBase.ruleCount()).isEqualTo(2);
        assertThat(cardLimit(ruleBase)).isEqualTo(1);

        List<WeakReference<KieBase>> replaced = new ArrayList<>();
        long[] baseline = null;
        long started = System.nanoTime();
        long slowest = 0;
        int reloads = 0;
        while (reloads < RELOADS && System.nanoTime() - started < BUDGET_NANOS) {
            int limit = reloads % 7 + 2;
            writeRules(limit);
            replaced.add(new WeakReference<>(ruleBase.kieBase()));
            long before = System.nanoTime();
            RulesCompiler.Compilation compilation = ruleBase.reload();
            slowest = Math.max(slowest, System.nanoTime() - before);
            reloads++;

            assertThat(compilation.succeeded()).as("reload %d: %s", reloads, compilation.problems()).isTrue();
            assertThat(ruleBase.kieBase()).isSameAs(compilation.kieBase());
            // each reload really serves the rules just written
            assertThat(cardLimit(ruleBase)).as("reload %d", reloads).isEqualTo(limit);
            if (reloads == WARM_UP) {
                baseline = usedAfterGc();
            }
        }
        long elapsed = System.nanoTime() - started;
        assertThat(reloads).as("reloads within %d s", TimeUnit.NANOSECONDS.toSeconds(BUDGET_NANOS))
                .isGreaterThanOrEqualTo(AT_LEAST);
        long[] end = usedAfterGc();
        long cleared = replaced.stream().filter(ref -> ref.get() == null).count();
        System.out.printf("RuleReloadMemoryTest: %d reloads of %d rules in %d ms (%.1f ms each, slowest %d ms);"
                        + " heap after GC %d -> %d MiB, metaspace %d -> %d MiB; %d of %d replaced rule bases collected%n",
                reloads, ruleBase.ruleCount(), TimeUnit.NANOSECONDS.toMillis(elapsed),
                elapsed / 1e6 / reloads, TimeUnit.NANOSECONDS.toMillis(slowest),
                baseline[0] / MIB, end[0] / MIB, baseline[1] / MIB, end[1] / MIB, cleared, replaced.size());

        // The last few may still be referenced from a thread-local or a cache; all older ones must be gone.
        assertThat(cleared).as("replaced rule bases collected").isGreaterThanOrEqualTo(replaced.size() - 5L);
        // Keeping every replaced rule base adds about 200 KiB of heap and 50 KiB of metaspace per reload
        // (measured: +38 MiB heap, +10 MiB metaspace over 190 reloads); without a leak both stay within
        // a few MiB of the baseline.
        assertThat(end[0] - baseline[0]).as("heap growth after %d reloads", reloads - WARM_UP)
                .isLessThan(16 * MIB);
        assertThat(end[1] - baseline[1]).as("metaspace growth after %d reloads", reloads - WARM_UP)
                .isLessThan(6 * MIB);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failedReloadsLeaveNothingBehindEither() throws IOException, InterruptedException {
        writeRules(1);
        RuleBase ruleBase = new RuleBase(new RulesCompiler(rules), new MetricRegistry());
        ruleBase.start();
        KieBase serving = ruleBase.kieBase();

        long[] baseline = null;
        for (int i = 1; i <= 120; i++) {
            // odd: a syntax error the parser stops at; even: an unknown type, found while generating the model
            Files.writeString(rules.resolve("minimal.drl"), i % 2 == 1
                    ? minimalRules(i).replace("then", "then )")
                    : minimalRules(i).replace("SpaceEnabled(space", "SpaceEnabeld(space"));
            RulesCompiler.Compilation compilation = ruleBase.reload();
            assertThat(compilation.succeeded()).isFalse();
            assertThat(ruleBase.kieBase()).isSameAs(serving);
            if (i == 20) {
                baseline = usedAfterGc();
            }
        }
        long[] end = usedAfterGc();
        System.out.printf("RuleReloadMemoryTest: 120 failed reloads: heap after GC %d -> %d MiB, metaspace %d -> %d MiB%n",
                baseline[0] / MIB, end[0] / MIB, baseline[1] / MIB, end[1] / MIB);
        assertThat(cardLimit(ruleBase)).isEqualTo(1);
        assertThat(end[0] - baseline[0]).as("heap growth after 100 failed reloads").isLessThan(16 * MIB);
        assertThat(end[1] - baseline[1]).as("metaspace growth after 100 failed reloads").isLessThan(6 * MIB);
    }

    private void writeRules(int limit) throws IOException {
        Files.writeString(rules.resolve("minimal.drl"), minimalRules(limit));
    }

    private static String minimalRules(int limit) {
        return """
                package ticketspace.rules;

                import dev.ticketspace.rules.facts.*;
                import dev.ticketspace.rules.decisions.*;

                rule "The Tickets space is enabled while it is a Home app"
                when
                    Settings(homeApps contains "tickets")
                then
                    insertLogical(new SpaceEnabled(Space.TICKETS));
                end

                rule "The Recent tickets card is on Home"
                when
                    SpaceEnabled(space == Space.TICKETS)
                then
                    insertLogical(new HomeCard(CardType.RECENT_TICKETS, %d));
                end
                """.formatted(limit);
    }

    private static int cardLimit(RuleBase ruleBase) {
        List<HomeCard> cards = ruleBase.decide(Scope.CUSTOMER, List.of(new Settings("demo", List.of("tickets"), 3),
                new Customer("demo", "c1")), Instant.now(), false).all(HomeCard.class);
        assertThat(cards).hasSize(1);
        return cards.get(0).limit();
    }

    /** Heap and metaspace in use once full collections stop freeing anything. */
    private static long[] usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long heap = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (i >= 2 && heap >= previous - MIB) {
                break;
            }
            previous = heap;
        }
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
        return new long[] {heap, metaspace};
    }

}
