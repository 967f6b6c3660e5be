package dev.ticketspace.store;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.FaultProxy;
import dev.ticketspace.support.FaultProxy.Fault;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MySQL tier goes away under load, behind a {@link FaultProxy} between a dedicated application and
 * MySQL: refused connections (the server down) or a black hole (a hung server or network, where only
 * timeouts help). Every request still answers within the configured timeouts, with its result or a 503
 * {@code database_unavailable}; the {@code database} health check says so; when the database returns the
 * service recovers by itself; and MySQL, read directly, holds every event that was answered
 * {@code applied}, each whole or not at all, and after retries all of them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DatabaseOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;
    /** Time for the JVM and a busy machine to schedule a request, on top of what the configuration allows. */
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration HEALTH_CHECK_SEES_IT_WITHIN = Duration.ofSeconds(10);
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(30);
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Numbers the requests of a test in the order they are sent. */
    private final AtomicLong requests = new AtomicLong();
    private String url;
    private Jdbi mysql;
    private FaultProxy proxy;
    private DropwizardAppExtension<TicketspaceConfiguration> app;

    @BeforeEach
    void startAnApplicationBehindTheProxy() {
        url = Db.forOwnApp(Backend.MYSQL, "outage");
        mysql = Db.mysql(url);
        proxy = FaultProxy.inFrontOf(url);
        app = Backend.MYSQL.newApp(proxy.route(url));
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not start", e);
        }
    }

    @AfterEach
    void stop() {
        try {
            app.after();
            proxy.close();
        } finally {
            Db.dropForOwnApp(Backend.MYSQL, url);
        }
    }

    /**
     * The longest the configuration lets a request take with the database away: the wait for a pooled
     * connection, then the driver's socket timeout on its reply, plus a margin.
     */
    private Duration answerWithin() {
        DatabaseConfig database = app.getConfiguration().getDatabase();
        Duration poolWait = Duration.ofMillis(database.getMaxWaitForConnection().toMilliseconds());
        Duration socketTimeout = Duration.ofMillis(Long.parseLong(database.getProperties().get("socketTimeout")));
        return poolWait.plus(socketTimeout).plus(MARGIN);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void requestsAnswerFastWhileTheDatabaseIsAwayAndTheServiceRecoversByItself(Fault fault) throws Exception {
        Api api = new Api(app, "demo");
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(api));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        long recovered = Long.MAX_VALUE;
        List<Future<?>> load = clients.stream().<Future<?>>map(client -> pool.submit(() -> client.run(running))).toList();
        try {
            Thread.sleep(1000);
            assertThat(answers(clients)).as("answers before the outage").isNotEmpty().allMatch(Answer::ok);

            proxy.cut(fault);
            long cut = System.nanoTime();
            awaitDatabaseHealth(false, HEALTH_CHECK_SEES_IT_WITHIN);
            System.out.printf("outage (%s): the health check saw it after %d ms%n", fault, millisSince(cut));
            sleepUntil(cut + OUTAGE.toNanos());

            proxy.restore();
            long restored = System.nanoTime();
            awaitDatabaseHealth(true, RECOVERY_WITHIN);
            long healthy = requests.get();
            await("every client answered again after the restore", RECOVERY_WITHIN,
                    () -> clients.stream().allMatch(client -> client.okSince(healthy)));
            System.out.printf("outage (%s): recovered %d ms after the restore%n", fault, millisSince(restored));
            recovered = requests.get();
            Thread.sleep(1000);
        } finally {
            running.set(false);
            pool.shutdown();
        }
        for (Future<?> client : load) {
            client.get(30, TimeUnit.SECONDS);
        }

        List<Answer> answers = answers(clients);
        long unavailable = answers.stream().filter(answer -> answer.status() == 503).count();
        System.out.printf("outage (%s): %d requests, %d answered 503, slowest %d ms%n", fault, answers.size(),
                unavailable, answers.stream().mapToLong(Answer::millis).max().orElse(0));
        assertThat(unavailable).as("requests answered 503").isPositive();
        long after = recovered;
        assertThat(answers).filteredOn(answer -> answer.index() >= after).as("answers once recovered")
                .isNotEmpty().allMatch(Answer::ok);
        for (Answer answer : answers) {
            assertThat(answer.millis()).as("answer time of %s", answer).isLessThanOrEqualTo(answerWithin().toMillis());
            assertThat(answer.status()).as("%s", answer).isIn(200, 503);
            if (answer.status() == 503) {
                assertThat(answer.code()).as("%s", answer).isEqualTo("database_unavailable");
            }
        }
        for (Client client : clients) {
            client.assertConsistent(client.appliedAsAnswered());
        }

        // Nothing lost: retried after the outage, every event not answered applied is applied, or a duplicate.
        for (Client client : clients) {
            client.retryUnanswered();
            client.assertConsistent(client.sent());
        }
    }

    /** One customer with one conversation: posts a message and a new ticket, reads the state, again and again. */
    private final class Client {
        private final Api api;
        private final String customer = Api.id("c");
        private final String conversation = Api.id("conv");
        private final List<Answer> answers = new CopyOnWriteArrayList<>();
        /** The events posted, in order: event id, then whether it is a message (else a new ticket). */
        private final Map<String, Boolean> isMessage = new LinkedHashMap<>();
        private final Map<String, String> ticketOfEvent = new HashMap<>();
        private final List<List<String>> unanswered = new ArrayList<>();
        private final String setupEvent;

        Client(Api api) {
            this.api = api;
            String created = conversationCreated(conversation, customer, 0);
            setupEvent = idOf(created);
            api.apply(created);
        }

        void run(AtomicBoolean running) {
            for (int minute = 1; running.get(); minute++) {
                String ticket = Api.id("t");
                List<String> events = List.of(message(conversation, "teammate", minute),
                        ticketCreated(ticket, customer, null, minute));
                isMessage.put(idOf(events.get(0)), true);
                isMessage.put(idOf(events.get(1)), false);
                ticketOfEvent.put(idOf(events.get(1)), ticket);
                Answer posted = post(events);
                answers.add(posted);
                if (posted.status() != 200) {
                    unanswered.add(events);
                    backOff();
                }
                answers.add(read());
            }
        }

        /** After a failure, as a client retrying shortly would (and keeping the log of the outage short). */
        private void backOff() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean okSince(long index) {
            List<Answer> recent = answers.stream().filter(answer -> answer.index() >= index).toList();
            return recent.size() >= 4 && recent.subList(recent.size() - 4, recent.size()).stream().allMatch(Answer::ok);
        }

        Set<String> appliedAsAnswered() {
            Set<String> applied = new HashSet<>(Set.of(setupEvent));
            for (Answer answer : answers) {
                if (answer.status() == 200 && answer.results() != null) {
                    answer.results().forEach(result -> {
                        assertThat(result.get("status").asText()).as("%s", answer).isEqualTo("applied");
                        applied.add(result.get("id").asText());
                    });
                }
            }
            return applied;
        }

        Set<String> sent() {
            Set<String> sent = new HashSet<>(isMessage.keySet());
            sent.add(setupEvent);
            return sent;
        }

        void retryUnanswered() {
            for (List<String> events : unanswered) {
                Answer retried = post(events);
                assertThat(retried.status()).as("retry %s", retried).isEqualTo(200);
                retried.results().forEach(result ->
                        assertThat(result.get("status").asText()).isIn("applied", "duplicate"));
            }
        }

        /**
         * What MySQL holds, read directly: every event expected is recorded as applied, and each event
         * recorded has all of its effect (a message counted, a ticket stored, a version for the customer,
         * logged as a change) and no other event has any.
         */
        void assertConsistent(Set<String> expected) {
            Set<String> recorded = mysql.withHandle(handle -> new HashSet<>(handle.createQuery(
                            "SELECT event_id FROM applied_events WHERE workspace_id = 'demo' AND event_id IN (<ids>)")
                    .bindList("ids", new ArrayList<>(sent())).mapTo(String.class).list()));
            assertThat(recorded).as("applied events of %s", customer).containsAll(expected);
            long messages = recorded.stream().filter(id -> isMessage.getOrDefault(id, false)).count();
            Set<String> tickets = new HashSet<>();
            recorded.stream().filter(ticketOfEvent::containsKey).forEach(id -> tickets.add(ticketOfEvent.get(id)));

            assertThat(Db.messageCount(mysql, "demo", conversation)).as("messages of %s", conversation)
                    .contains((int) messages);
            Set<String> stored = mysql.withHandle(handle -> handle.createQuery(
                            "SELECT ticket_id FROM tickets WHERE workspace_id = 'demo' AND customer_id = :c")
                    .bind("c", customer).mapTo(String.class).set());
            assertThat(stored).as("tickets of %s", customer).isEqualTo(tickets);
            long version = Db.customerVersion(mysql, "demo", customer);
            if (!recorded.isEmpty()) {
                assertThat(version).as("version of %s, which changed", customer).isPositive();
            }
            long logged = mysql.withHandle(handle -> handle.createQuery(
                            "SELECT COALESCE(MAX(version), 0) FROM state_changes WHERE workspace_id = 'demo' "
                                    + "AND customer_id = :c")
                    .bind("c", customer).mapTo(Long.class).one());
            assertThat(logged).as("the change log reaches the version of %s, for its streams", customer).isEqualTo(version);
        }

        private Answer post(List<String> events) {
            return send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/workspaces/demo/events"))
                    .header("Authorization", "Bearer " + api.workspace().apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + String.join(",", events) + "]}")));
        }

        private Answer read() {
            return send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/messenger"))
                    .header("Authorization", "Bearer " + api.token(customer)).GET());
        }

        private Answer send(HttpRequest.Builder request) {
            long started = System.nanoTime();
            long index = requests.getAndIncrement();
            try {
                HttpResponse<String> response = ApiContract.checked(http.send(request.timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString()));
                return new Answer(index, response.statusCode(), response.body(), millisSince(started));
            } catch (HttpTimeoutException e) {
                return new Answer(index, -1, "no answer", millisSince(started));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** One response: {@code index} orders all requests of a test by when they were sent. */
    private record Answer(long index, int status, String body, long millis) {
        boolean ok() {
            return status == 200;
        }

        String code() {
            return parse(body).path("code").asText(null);
        }

        /** The results of an events post, or null for a state read or an error. */
        JsonNode results() {
            return status == 200 ? parse(body).get("results") : null;
        }
    }

    private static List<Answer> answers(List<Client> clients) {
        return clients.stream().flatMap(client -> client.answers.stream()).toList();
    }

    private void awaitDatabaseHealth(boolean healthy, Duration within) throws InterruptedException {
        await("the database health check " + (healthy ? "healthy" : "unhealthy"), within,
                () -> databaseHealthy() == healthy);
    }

    private boolean databaseHealthy() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + "/healthcheck"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return parse(response.body()).path("database").path("healthy").asBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, within).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static String idOf(String eventJson) {
        return parse(eventJson).get("id").asText();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
