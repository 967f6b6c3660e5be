package dev.ticketspace.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Events;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Event ids are kept for the idempotency window and pruned after it, in batches; customer read calls
 * leave no id behind. On an application and database of the test's own, with a window of an hour, so
 * that rows made old by hand are pruned by this application only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AppliedEventPruneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int BATCH = 10;
    private static final Map<Backend, DropwizardAppExtension<TicketspaceConfiguration>> APPS = new EnumMap<>(Backend.class);
    private static final Map<Backend, String> DATABASES = new EnumMap<>(Backend.class);

    private static synchronized Api api(Backend backend) throws Exception {
        DropwizardAppExtension<TicketspaceConfiguration> app = APPS.get(backend);
        if (app == null) {
            String database = Db.forOwnApp(backend, "prune");
            DATABASES.put(backend, database);
            app = backend.newApp(database, Map.of(
                    "events.idempotencyWindow", "1h",
                    "events.pruneInterval", "100ms",
                    "events.pruneBatch", String.valueOf(BATCH)));
            app.before();
            APPS.put(backend, app);
        }
        return new Api(app, "demo");
    }

    @AfterAll
    static void stop() {
        APPS.forEach((backend, app) -> {
            app.after();
            Db.dropForOwnApp(backend, DATABASES.get(backend));
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEventSentAgainWithinTheWindowIsADuplicateAndAfterItAppliesAgain(Backend backend) throws Exception {
        Api api = api(backend);
        Jdbi db = jdbi(api);
        String conversation = Api.id("conv");
        api.apply(Events.conversationCreated(conversation, Api.id("c"), 0));
        String outside = Events.message(conversation, "teammate", 1);
        String inside = Events.message(conversation, "teammate", 2);
        api.apply(outside, inside);
        Instant now = Instant.now();
        recordedAt(db, api, idOf(outside), now.minus(WINDOW).minus(Duration.ofMinutes(5)));
        recordedAt(db, api, idOf(inside), now.minus(WINDOW).plus(Duration.ofMinutes(5)));

        await(() -> Db.appliedEvents(db, api.workspaceId(), idOf(outside)) == 0, "the id outside the window is pruned");

        assertThat(Db.appliedEvents(db, api.workspaceId(), idOf(inside))).isEqualTo(1);
        assertThat(statusOf(api.postEvents(inside))).isEqualTo("duplicate");
        assertThat(Db.messageCount(db, api.workspaceId(), conversation)).contains(2);
        assertThat(statusOf(api.postEvents(outside))).isEqualTo("applied");
        assertThat(Db.messageCount(db, api.workspaceId(), conversation)).contains(3);
        assertThat(statusOf(api.postEvents(outside))).isEqualTo("duplicate");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void customerReadCallsApplyWithoutRecordingAnId(Backend backend) throws Exception {
        Api api = api(backend);
        Jdbi db = jdbi(api);
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String ticket = Api.id("t");
        api.apply(Events.conversationCreated(conversation, customer, 0), Events.ticketCreated(ticket, customer, null, 1),
                Events.message(conversation, "teammate", 2));
        long before = rows(db, api.workspaceId());

        assertThat(api.readConversation(customer, conversation).status()).isEqualTo(200);
        assertThat(api.readTicket(customer, ticket).status()).isEqualTo(200);

        assertThat(rows(db, api.workspaceId())).isEqualTo(before);
        assertThat(readTime(db, api, "SELECT customer_read_at FROM conversations WHERE workspace_id = :ws "
                + "AND conversation_id = :id", conversation)).as("the conversation's read time").isPresent();
        assertThat(readTime(db, api, "SELECT read_at FROM tickets WHERE workspace_id = :ws AND ticket_id = :id",
                ticket)).as("the ticket's read time").isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void manyOldIdsArePrunedInStatementsOfOneBatchEach(Backend backend) throws Exception {
        Api api = api(backend);
        Jdbi db = jdbi(api);
        MetricRegistry metrics = api.app().getEnvironment().metrics();
        String workspace = Api.id("prune");
        int old = 5 * BATCH / 2;
        long prunedBefore = metrics.counter("events.idempotency.pruned").getCount();
        Instant recordedAt = Instant.now().minus(WINDOW.multipliedBy(2));
        db.useTransaction(handle -> {
            AppliedEventDao ids = handle.attach(AppliedEventDao.class);
            for (int i = 0; i < old; i++) {
                ids.record(workspace, "old-" + i, "message.added", recordedAt, recordedAt);
            }
        });

        // The count goes up just after each statement commits.
        await(() -> metrics.counter("events.idempotency.pruned").getCount() - prunedBefore >= old,
                "the old ids are counted as pruned");

        assertThat(rows(db, workspace)).as("old ids left").isZero();
        assertThat(metrics.histogram("events.idempotency.pruneBatch").getSnapshot().getMax())
                .as("rows one delete statement removed at most").isEqualTo(BATCH);
    }

    private static Jdbi jdbi(Api api) {
        return Store.configure(Db.of(api.app()).installPlugin(new SqlObjectPlugin()));
    }

    private static void recordedAt(Jdbi db, Api api, String eventId, Instant at) {
        int updated = db.withHandle(handle -> handle.createUpdate(
                        "UPDATE applied_events SET applied_at = :at WHERE workspace_id = :ws AND event_id = :id")
                .bind("at", at).bind("ws", api.workspaceId()).bind("id", eventId).execute());
        assertThat(updated).isEqualTo(1);
    }

    private static Optional<Instant> readTime(Jdbi db, Api api, String sql, String id) {
        return db.withHandle(handle -> handle.createQuery(sql).bind("ws", api.workspaceId()).bind("id", id)
                .mapTo(Instant.class).findOne());
    }

    private static long rows(Jdbi db, String workspaceId) {
        return db.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM applied_events WHERE workspace_id = :ws")
                .bind("ws", workspaceId).mapTo(Long.class).one());
    }

    private static String idOf(String eventJson) {
        try {
            return JSON.readTree(eventJson).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String statusOf(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("results").get(0).get("status").asText();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
