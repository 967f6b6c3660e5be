package dev.ticketspace.rulesets;

import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule sets meant to hurt: a consequence that never ends, one that exits the JVM, one that eats the
 * heap. Each check is stopped within its bounds in a process of its own, answered as a problem, and the
 * replica serves customers all along; a second draft while the only check slot is taken is refused.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileRuleSetTest {
    /** Long enough for a good check on a busy machine (about 12 s of CPU), so the hostile ones get to their rule. */
    private static final int TIMEOUT_SECONDS = 90;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileRuleSetsAreStoppedInTheirOwnProcessAndTheReplicaServesOn(Backend backend) throws Exception {
        String url = Db.privateDatabase(backend, "hostile");
        DropwizardAppExtension<TicketspaceConfiguration> app = FixtureRules.startOwnApp("publish", backend, url,
                Map.of("rules.check.timeout", TIMEOUT_SECONDS + "s", "rules.check.queue", "0"));
        try {
            Api api = new Api(app, "demo");
            String customer = Api.id("c-hostile");
            api.apply(ticketCreated(Api.id("t"), customer, null, 0));
            Editors alice = Editors.as(app, Editors.ALICE);
            AtomicBoolean stop = new AtomicBoolean();
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    statuses.add(api.state(customer).status());
                }
            });

            long started = System.nanoTime();
            CompletableFuture<Api.Reply> looping = CompletableFuture.supplyAsync(() -> alice.draft(withRule("""
                    rule "Never ends"
                    when
                        Ticket()
                    then
                        for (long i = 0; i >= 0; i = (i + 1) % 10) { }
                    end
                    """), "loops forever"));
            Thread.sleep(2000);
            Api.Reply busy = alice.draft(Editors.cardOfOne(), "while the slot is taken");
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.code()).isEqualTo("check_busy");
            Api.Reply loops = looping.get(TIMEOUT_SECONDS + 60, TimeUnit.SECONDS);
            long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertStopped(loops, "did not finish within " + TIMEOUT_SECONDS + " seconds");
            assertThat(took).as("the looping check was stopped at its time limit").isBetween((long) TIMEOUT_SECONDS,
                    TIMEOUT_SECONDS + 30L);

            assertStopped(alice.draft(withRule("""
                    rule "Exits"
                    when
                        Ticket()
                    then
                        System.exit(0);
                    end
                    """), "exits"), "the rules ended the check process");
            assertStopped(alice.draft(withRule("""
                    rule "Eats the heap"
                    when
                        Ticket()
                    then
                        java.util.List<long[]> heap = new java.util.ArrayList<>();
                        for (int i = 0; i < 1_000_000; i++) { heap.add(new long[10_000_000]); }
                    end
                    """), "eats the heap"), "ran out of memory");
            stop.set(true);
            reads.get(30, TimeUnit.SECONDS);
            System.out.printf("HostileRuleSetTest[%s]: %d reads during the hostile checks, looping check stopped after %d s%n",
                    backend, statuses.size(), took);
            assertThat(statuses).as("reads while hostile sets were checked").isNotEmpty().containsOnly(200);
            // the replica is whole: a good draft is checked as ever
            Api.Reply good = alice.draft(Editors.cardOfOne(), "after all that");
            assertThat(good.json().get("publishable").asBoolean()).as(good.body()).isTrue();
        } finally {
            app.after();
            Db.dropForOwnApp(backend, url);
        }
    }

    private static Map<String, String> withRule(String rule) {
        return Editors.edit(Editors.fixture(), "view.drl", drl -> drl + "\n" + rule);
    }

    private static void assertStopped(Api.Reply reply, String why) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode check = reply.json();
        assertThat(check.get("publishable").asBoolean()).isFalse();
        assertThat(check.get("problems")).hasSize(1);
        assertThat(check.get("problems").get(0).get("message").asText()).as(reply.body()).contains(why);
    }
}
