package dev.ticketspace.rules;

import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hot reload of the rules (spec section 3) over real HTTP: the admin task, the file watcher, the
 * {@code rules} health check and the metrics. Each test runs its own application on a copy of the
 * shipped rules in a temporary {@code rules} directory, which it edits freely.
 */
class RuleReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECENT_CARD_LIMIT = "insertLogical(new HomeCard(CardType.RECENT_TICKETS, $limit));";
    private static final String BADGES_OPERATOR = "category != $category";
    /** Read by {@link Backend#newApp}: the rules directory of the applications it builds. */
    private static final String RULES_DIRECTORY_PROPERTY = "ticketspace.rulesDirectory";
    private static final Pattern RULE = Pattern.compile("(?m)^rule\\s+\"");
    /** For the admin port: a reload may take longer than the test client's 5 s read timeout. */
    private static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;
    /** A customer no other test uses: on MySQL the database is shared. */
    private final String customer = Api.id("c-reload");

    // --- reload under load ---

    /**
     * Good (A), broken, good (B), broken, good (A), broken, good (B) while threads keep reading: four the
     * customer's state (served from the view cache between changes, so this also proves a reload drops
     * what the old rules decided), two the back office's explained state (never cached: the rules run on
     * every request). Every response is a 200 carrying exactly A's or B's answer, from the set serving
     * while it ran; a broken set never serves; the health check follows each reload.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void reloadsUnderLoadNeverFailARequestNorServeABrokenSet(Backend backend) throws Exception {
        Path rules = shippedRulesCopy();
        DropwizardAppExtension<TicketspaceConfiguration> app = start(backend, rules, false);
        try {
            Api api = new Api(app, "demo");
            threeTicketsFor(api);
            // A: the shipped rules, recent-tickets limit 3 from the configuration
            String stateA = okState(api);
            String explainA = okExplain(api);
            assertThat(cardTickets(stateA)).isEqualTo(3);
            assertThat(cardTickets(explainA)).isEqualTo(3);
            // B: the card limited to 1 in the DRL. Learn its answers, then go back to A before the load.
            long versionA = version(api);
            writeSetB(rules);
            assertThat(reload(app).body()).startsWith("reloaded ");
            assertThat(version(api)).as("new rules, new version").isGreaterThan(versionA);
            String stateB = okState(api);
            String explainB = okExplain(api);
            assertThat(cardTickets(stateB)).isEqualTo(1);
            assertThat(cardTickets(explainB)).isEqualTo(1);
            writeSetA(rules);
            assertThat(reload(app).body()).startsWith("reloaded ");
            assertThat(okState(api)).isEqualTo(stateA);
            assertThat(okExplain(api)).isEqualTo(explainA);

            // serving[p] is the set that must serve once reload p has finished (index 0: before any).
            // While reload p runs, serving[p - 1] or serving[p] may answer: a request sees serving[i] for
            // some i from the reloads done when it started to the reloads begun when it ended.
            List<String> serving = new ArrayList<>(List.of("A"));
            AtomicInteger begun = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            List<Boolean> readers = List.of(false, false, false, false, true, true);
            CountDownLatch running = new CountDownLatch(readers.size());
            ExecutorService pool = Executors.newFixedThreadPool(readers.size());
            List<Future<?>> futures = new ArrayList<>();
            for (boolean explain : readers) {
                futures.add(pool.submit(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        int before = done.get();
                        long started = System.nanoTime();
                        Api.Reply reply;
                        try {
                            reply = explain ? api.explain(customer) : api.state(customer);
                        } catch (RuntimeException e) {
                            reply = new Api.Reply(-1, e.toString());
                        }
                        long ended = System.nanoTime();
                        String body = withoutVersion(reply.body());
                        String set = body.equals(explain ? explainA : stateA) ? "A"
                                : body.equals(explain ? explainB : stateB) ? "B" : "neither";
                        observations.add(new Observation(explain, before, begun.get(), reply.status(), set,
                                set.equals("neither") ? body : null, started, ended));
                    }
                }));
            }
            running.await();

            record Step(String name, boolean good, String serves) {
            }
            List<Step> steps = List.of(
                    new Step("good A", true, "A"), new Step("broken", false, "A"),
                    new Step("good B", true, "B"), new Step("broken", false, "B"),
                    new Step("good A", true, "A"), new Step("broken", false, "A"),
                    new Step("good B", true, "B"));
            List<Long> reloadMillis = new ArrayList<>();
            List<long[]> reloadWindows = new ArrayList<>();
            for (Step step : steps) {
                switch (step.name()) {
                    case "good A" -> writeSetA(rules);
                    case "good B" -> writeSetB(rules);
                    default -> writeBrokenSet(rules);
                }
                Thread.sleep(300);
                serving.add(step.serves());
                begun.incrementAndGet();
                long started = System.nanoTime();
                HttpResponse<String> task = reload(app);
                long ended = System.nanoTime();
                reloadMillis.add(TimeUnit.NANOSECONDS.toMillis(ended - started));
                reloadWindows.add(new long[] {started, ended});
                done.incrementAndGet();

                assertThat(task.statusCode()).as("task status after %s", step.name()).isEqualTo(200);
                JsonNode health = rulesHealth(app);
                if (step.good()) {
                    assertThat(task.body()).as("task output after %s", step.name())
                            .startsWith("reloaded " + ruleCount(rules) + " rules");
                    assertThat(health.path("healthy").asBoolean()).as("health after %s: %s", step.name(), health)
                            .isTrue();
                } else {
                    assertThat(task.body()).as("task output after %s", step.name())
                            .startsWith("reload failed; the previous rules keep serving")
                            .containsPattern(brokenBadgesLine(rules));
                    assertThat(health.path("healthy").asBoolean()).as("health after %s: %s", step.name(), health)
                            .isFalse();
                    assertThat(health.path("message").asText()).containsPattern(brokenBadgesLine(rules));
                }
                Thread.sleep(500);
            }
            stop.set(true);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            List<Observation> all = List.copyOf(observations);
            long slowest = all.stream().mapToLong(o -> o.ended() - o.started()).max().orElse(0);
            // requests that both started and ended while a reload was compiling: the reload did not block them
            long answeredDuringReloads = all.stream().filter(o -> reloadWindows.stream()
                    .anyMatch(w -> o.started() >= w[0] && o.ended() <= w[1])).count();
            System.out.printf("RuleReloadTest[%s]: %d requests (%d explained; slowest %d ms) across %d reloads"
                            + " taking %s ms; %d answered while a reload was running%n",
                    backend, all.size(), all.stream().filter(Observation::explain).count(),
                    TimeUnit.NANOSECONDS.toMillis(slowest), steps.size(), reloadMillis, answeredDuringReloads);
            for (boolean explain : List.of(false, true)) {
                assertThat(all).as("requests made, explain=%s", explain)
                        .filteredOn(o -> o.explain() == explain).hasSizeGreaterThan(20);
            }
            assertThat(all).as("failed requests").filteredOn(o -> o.status() != 200).isEmpty();
            assertThat(all).as("responses that are neither good set's answer (half-built or broken rules)")
                    .filteredOn(o -> o.set().equals("neither")).isEmpty();
            assertThat(all).as("responses not from the set serving while they ran")
                    .filteredOn(o -> !serving.subList(o.doneBefore(), o.begunAfter() + 1).contains(o.set()))
                    .isEmpty();
            // every phase, broken ones included, was seen answering with the set it must serve
            for (int p = 0; p < serving.size(); p++) {
                int current = p;
                for (boolean explain : List.of(false, true)) {
                    assertThat(all).as("requests between reloads %d and %d, explain=%s", p, p + 1, explain)
                            .anyMatch(o -> o.explain() == explain && o.doneBefore() == current
                                    && o.begunAfter() == current);
                }
            }
            assertThat(answeredDuringReloads).as("requests answered while a reload was running").isPositive();
            assertThat(okState(api)).as("state after the last reload (B)").isEqualTo(stateB);
            assertThat(okExplain(api)).as("explained state after the last reload (B)").isEqualTo(explainB);
            assertThat(rulesHealth(app).path("healthy").asBoolean()).isTrue();
        } finally {
            app.after();
        }
    }

    // --- the admin task's output ---

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theTaskPrintsTheRuleCountOrEveryErrorWithFileLineAndColumn() throws Exception {
        Path rules = shippedRulesCopy();
        DropwizardAppExtension<TicketspaceConfiguration> app = start(Backend.H2, rules, false);
        try {
            int shipped = ruleCount(rules);
            HttpResponse<String> good = reload(app);
            assertThat(good.statusCode()).isEqualTo(200);
            assertThat(good.body().lines().toList()).containsExactly("reloaded " + shipped + " rules");

            Files.writeString(rules.resolve("extra.drl"), """
                    package ticketspace.rules;

                    import dev.ticketspace.rules.facts.*;

                    rule "An extra rule that never fires"
                    when
                        Customer(id == "nobody at all")
                    then
                    end
                    """);
            assertThat(reload(app).body().lines().toList()).containsExactly("reloaded " + (shipped + 1) + " rules");

            // syntax mistakes in two files: both are listed, each as rules/<file>.drl:line:column: message
            String extra = Files.readString(rules.resolve("extra.drl"));
            int badgesLine = breakBadges(rules);
            Files.writeString(rules.resolve("extra.drl"), extra.replace("id == \"nobody", "id =! \"nobody"));
            List<String> syntax = failedReload(app);
            assertThat(syntax).anyMatch(line -> line.matches(".*/rules/badges\\.drl:" + badgesLine + ":\\d+: .+"));
            assertThat(syntax).anyMatch(line -> line.matches(".*/rules/extra\\.drl:7:\\d+: .+"));

            // mistakes the parser cannot see, in two files: an unknown field and an unknown type
            writeSetA(rules);
            int fieldLine = replace(rules.resolve("badges.drl"), "Ticket(shared, notifiedAt != null",
                    "Ticket(shared, notifedAt != null");
            Files.writeString(rules.resolve("extra.drl"), extra.replace("Customer(", "Customr("));
            List<String> model = failedReload(app);
            assertThat(model).anyMatch(line -> line.matches(".*/rules/badges\\.drl:" + fieldLine + ":\\d+: .*notifedAt.*"));
            assertThat(model).anyMatch(line -> line.matches(".*/rules/extra\\.drl:7:\\d+: .*Customr.*"));

            assertThat(metric(app, "gauges", "rules.count").path("value").asInt()).as("rules still serving")
                    .isEqualTo(shipped + 1);
            assertThat(rulesHealth(app).path("healthy").asBoolean()).isFalse();

            Files.delete(rules.resolve("extra.drl"));
            writeSetA(rules);
            assertThat(reload(app).body().lines().toList()).containsExactly("reloaded " + shipped + " rules");
        } finally {
            app.after();
        }
    }

    /** Reloads a broken set; answers the error lines after checking the output's shape. */
    private static List<String> failedReload(DropwizardAppExtension<?> app) throws IOException, InterruptedException {
        HttpResponse<String> broken = reload(app);
        System.out.println("RuleReloadTest: task output for a broken set:\n" + broken.body());
        assertThat(broken.statusCode()).isEqualTo(200);
        List<String> lines = broken.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("reload failed; the previous rules keep serving");
        List<String> errors = lines.subList(1, lines.size());
        assertThat(errors).isNotEmpty()
                .allMatch(line -> line.matches(".*/rules/[\\w-]+\\.drl:\\d+:\\d+: .+"), "file:line:column: message")
                .noneMatch(line -> line.contains("null Package"));
        return errors;
    }

    // --- file watching ---

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withWatchOnSavingADrlFileIsPickedUpWithinSeconds() throws Exception {
        Path rules = shippedRulesCopy();
        DropwizardAppExtension<TicketspaceConfiguration> app = start(Backend.H2, rules, true);
        try {
            Api api = new Api(app, "demo");
            threeTicketsFor(api);
            String stateA = okState(api);
            assertThat(cardTickets(stateA)).isEqualTo(3);

            long saved = System.nanoTime();
            writeSetB(rules);
            String stateB = awaitState(api, body -> cardTickets(body) == 1, Duration.ofSeconds(20));
            long pickedUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
            assertThat(stateB).isNotEqualTo(stateA);
            assertThat(rulesHealth(app).path("healthy").asBoolean()).isTrue();

            // saving a mistake: the health check reports it, B keeps serving
            saved = System.nanoTime();
            writeBrokenSet(rules);
            JsonNode unhealthy = awaitHealth(app, false, Duration.ofSeconds(20));
            long brokenSeen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
            assertThat(unhealthy.path("message").asText()).containsPattern(brokenBadgesLine(rules));
            assertThat(okState(api)).isEqualTo(stateB);

            // saving the fix: back to A and healthy
            saved = System.nanoTime();
            writeSetA(rules);
            assertThat(awaitState(api, body -> cardTickets(body) == 3, Duration.ofSeconds(20))).isEqualTo(stateA);
            long fixedSeen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
            awaitHealth(app, true, Duration.ofSeconds(20));

            // a new file counts too
            saved = System.nanoTime();
            Files.writeString(rules.resolve("card-off.drl"), """
                    package ticketspace.rules;

                    import dev.ticketspace.rules.facts.*;
                    import dev.ticketspace.rules.decisions.*;

                    rule "No ticket goes on the card"
                    when
                        $ticket: Ticket()
                    then
                        insertLogical(new KeptOffCard($ticket.id()));
                    end
                    """);
            awaitState(api, body -> cardTickets(body) == 0, Duration.ofSeconds(20));
            long createdSeen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
            System.out.printf("RuleReloadTest: watcher picked up a change in %d ms, a mistake in %d ms,"
                    + " the fix in %d ms, a new file in %d ms%n", pickedUp, brokenSeen, fixedSeen, createdSeen);
        } finally {
            app.after();
        }
    }

    // --- metrics ---

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void reloadAndFiringMetricsAreOnTheAdminPort() throws Exception {
        Path rules = shippedRulesCopy();
        DropwizardAppExtension<TicketspaceConfiguration> app = start(Backend.H2, rules, false);
        try {
            Api api = new Api(app, "demo");
            threeTicketsFor(api);
            int shipped = ruleCount(rules);
            assertThat(metric(app, "gauges", "rules.count").path("value").asInt()).isEqualTo(shipped);
            assertThat(metric(app, "counters", "rules.reloads.succeeded").path("count").asLong()).isZero();
            assertThat(metric(app, "counters", "rules.reloads.failed").path("count").asLong()).isZero();
            long builds = metric(app, "timers", "rules.build").path("count").asLong();
            assertThat(builds).as("the start-up build, of the published set").isEqualTo(1);

            okState(api);
            JsonNode counters = metrics(app).path("counters");
            String fired = "rules.fired.The Recent tickets card is on Home while the Tickets space is enabled";
            assertThat(counters.path(fired).path("count").asLong()).as(fired).isPositive();
            List<String> firedNames = new ArrayList<>();
            counters.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("rules.fired.")) {
                    firedNames.add(name);
                }
            });
            assertThat(firedNames).hasSizeGreaterThan(1);

            reload(app);
            writeBrokenSet(rules);
            reload(app);
            writeSetA(rules);
            reload(app);
            JsonNode after = metrics(app);
            assertThat(after.path("counters").path("rules.reloads.succeeded").path("count").asLong()).isEqualTo(2);
            assertThat(after.path("counters").path("rules.reloads.failed").path("count").asLong()).isEqualTo(1);
            assertThat(after.path("timers").path("rules.build").path("count").asLong()).isEqualTo(builds + 3);
            assertThat(after.path("gauges").path("rules.count").path("value").asInt()).isEqualTo(shipped);

            long before = after.path("counters").path(fired).path("count").asLong();
            okState(api);
            assertThat(metric(app, "counters", fired).path("count").asLong()).as("counts on after reloads")
                    .isGreaterThan(before);
        } finally {
            app.after();
        }
    }

    // --- rule sets ---

    /** The shipped rules copied to a fresh directory named {@code rules}. */
    private Path shippedRulesCopy() throws IOException {
        Path rules = Files.createDirectories(temp.resolve("rules"));
        writeSetA(rules);
        return rules;
    }

    /** A: the shipped rules as they are. */
    private static void writeSetA(Path rules) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                write(rules.resolve(file.getFileName()), Files.readString(file));
            }
        }
    }

    /** B: the shipped rules with the Recent tickets card limited to 1 ticket in recent-card.drl. */
    private static void writeSetB(Path rules) throws IOException {
        writeSetA(rules);
        replace(rules.resolve("recent-card.drl"), RECENT_CARD_LIMIT,
                "insertLogical(new HomeCard(CardType.RECENT_TICKETS, 1));");
    }

    /** B with a bad operator in badges.drl: if any of it were served, B would show where A must. */
    private static void writeBrokenSet(Path rules) throws IOException {
        writeSetB(rules);
        breakBadges(rules);
    }

    /** Puts {@code =!} for {@code !=} in badges.drl; answers the line. */
    private static int breakBadges(Path rules) throws IOException {
        return replace(rules.resolve("badges.drl"), BADGES_OPERATOR, "category =! $category");
    }

    private static String brokenBadgesLine(Path rules) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("rules", "badges.drl"));
        int line = 1 + lines.indexOf(lines.stream().filter(l -> l.contains(BADGES_OPERATOR)).findFirst().orElseThrow());
        return Pattern.quote(rules.resolve("badges.drl").toString()) + ":" + line + ":\\d+: ";
    }

    private static int replace(Path file, String text, String replacement) throws IOException {
        String source = Files.readString(file);
        int at = source.indexOf(text);
        assertThat(at).as("%s in %s", text, file).isNotNegative();
        write(file, source.replace(text, replacement));
        return (int) source.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Writes only when the text changes, so that the watcher sees only real saves. */
    private static void write(Path file, String text) throws IOException {
        if (!Files.exists(file) || !Files.readString(file).equals(text)) {
            Files.writeString(file, text);
        }
    }

    private static int ruleCount(Path rules) throws IOException {
        int count = 0;
        try (Stream<Path> files = Files.list(rules)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                count += (int) RULE.matcher(Files.readString(file)).results().count();
            }
        }
        return count;
    }

    // --- the application ---

    /**
     * A new application on an empty database of the backend and the given rules directory, started.
     * <p>
     * The directory is not passed as a {@link ConfigOverride}: {@link Backend#newApp} already overrides
     * {@code rules.directory}, the test support keeps overrides in an unordered set, and which of the two
     * wins changes from one JVM to the next. Its {@code ticketspace.rulesDirectory} property is set instead.
     * Nor can {@code rules.watch} be an override: the strict object mapper refuses the string "true" for a
     * boolean, so watching is switched on in a copy of the test configuration.
     */
    private DropwizardAppExtension<TicketspaceConfiguration> start(Backend backend, Path rules, boolean watch)
            throws IOException {
        DropwizardAppExtension<TicketspaceConfiguration> app;
        if (watch) {
            assertThat(backend).as("watching runs on H2").isEqualTo(Backend.H2);
            String config = Files.readString(Path.of(Backend.CONFIG));
            assertThat(config).contains("  watch: false");
            Path watching = Files.writeString(temp.resolve("watch-config.yml"),
                    config.replace("  watch: false", "  watch: true"));
            app = new DropwizardAppExtension<>(TicketspaceApplication.class, watching.toString(),
                    ConfigOverride.config("database.url", backend.freshDatabaseUrl()),
                    ConfigOverride.config("database.driverClass", "org.h2.Driver"),
                    ConfigOverride.config("database.user", "sa"),
                    ConfigOverride.config("database.password", ""),
                    ConfigOverride.config("rules.directory", rules.toString()));
        } else {
            String url = databaseUrl(backend);
            String previous = System.getProperty(RULES_DIRECTORY_PROPERTY);
            System.setProperty(RULES_DIRECTORY_PROPERTY, rules.toString());
            try {
                app = backend.newApp(url);
            } finally {
                if (previous == null) {
                    System.clearProperty(RULES_DIRECTORY_PROPERTY);
                } else {
                    System.setProperty(RULES_DIRECTORY_PROPERTY, previous);
                }
            }
        }
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not start", e);
        }
        assertThat(app.getConfiguration().getRules().directory()).isEqualTo(rules.toString());
        assertThat(app.getConfiguration().getRules().watch()).isEqualTo(watch);
        return app;
    }

    /**
     * H2: a new in-memory database. MySQL: the test database, which the test user may use but not
     * multiply; it is shared with the backend's application (started here if need be, as it creates and
     * migrates the database), so this test's data belongs to a customer of its own.
     */
    /** An empty database: the rules directory becomes its published version 1, as on a first start. */
    private static String databaseUrl(Backend backend) {
        return Db.privateDatabase(backend, "reload");
    }

    private void threeTicketsFor(Api api) {
        api.apply(ticketCreated(Api.id("t"), customer, null, 1), ticketCreated(Api.id("t"), customer, null, 2),
                ticketCreated(Api.id("t"), customer, null, 3));
    }

    /** The state without its version, which every good reload moves on. */
    private String okState(Api api) {
        Api.Reply reply = api.state(customer);
        assertThat(reply.status()).as("state: %s", reply.body()).isEqualTo(200);
        return withoutVersion(reply.body());
    }

    private long version(Api api) {
        return api.state(customer).json().get("version").asLong();
    }

    private static String withoutVersion(String body) {
        return body.replaceFirst("\"version\":\\d+,", "");
    }

    private String okExplain(Api api) {
        Api.Reply reply = api.explain(customer);
        assertThat(reply.status()).as("explained state: %s", reply.body()).isEqualTo(200);
        assertThat(reply.json().path("explain").size()).isPositive();
        return withoutVersion(reply.body());
    }

    /** How many tickets the Recent tickets card shows; 0 without the card. */
    private static int cardTickets(String state) {
        for (JsonNode card : parse(state).path("home").path("cards")) {
            if (card.path("type").asText().equals("recent_tickets")) {
                return card.path("tickets").size();
            }
        }
        return 0;
    }

    private String awaitState(Api api, Predicate<String> condition, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        String state = okState(api);
        while (!condition.test(state)) {
            assertThat(System.nanoTime()).as("state within %s, still %s", bound, state).isLessThan(deadline);
            Thread.sleep(100);
            state = okState(api);
        }
        return state;
    }

    private static JsonNode awaitHealth(DropwizardAppExtension<?> app, boolean healthy, Duration bound)
            throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        JsonNode health = rulesHealth(app);
        while (health.path("healthy").asBoolean() != healthy) {
            assertThat(System.nanoTime()).as("health %s within %s, still %s", healthy, bound, health)
                    .isLessThan(deadline);
            Thread.sleep(100);
            health = rulesHealth(app);
        }
        return health;
    }

    // --- the admin port ---

    private static HttpResponse<String> reload(DropwizardAppExtension<?> app) throws IOException, InterruptedException {
        return admin(HttpRequest.newBuilder(adminUri(app, "/tasks/reload-rules"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static JsonNode rulesHealth(DropwizardAppExtension<?> app) throws IOException, InterruptedException {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri(app, "/healthcheck")).GET());
        JsonNode rules = parse(response.body()).path("rules");
        assertThat(response.statusCode()).as("health status: %s", response.body())
                .isEqualTo(rules.path("healthy").asBoolean() ? 200 : 500);
        return rules;
    }

    private static JsonNode metrics(DropwizardAppExtension<?> app) throws IOException, InterruptedException {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(adminUri(app, "/metrics")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return parse(response.body());
    }

    private static JsonNode metric(DropwizardAppExtension<?> app, String kind, String name)
            throws IOException, InterruptedException {
        JsonNode metric = metrics(app).path(kind).path(name);
        assertThat(metric.isMissingNode()).as("%s %s on /metrics", kind, name).isFalse();
        return metric;
    }

    private static HttpResponse<String> admin(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return ADMIN.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI adminUri(DropwizardAppExtension<?> app, String path) {
        return URI.create("http://localhost:" + app.getAdminPort() + path);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /**
     * One request: the reloads done when it started, those begun when it ended, its status, the set
     * whose answer it got ({@code A}, {@code B} or {@code neither}, then with the body).
     */
    private record Observation(boolean explain, int doneBefore, int begunAfter, int status, String set,
                               String unexpectedBody, long started, long ended) {
    }
}
