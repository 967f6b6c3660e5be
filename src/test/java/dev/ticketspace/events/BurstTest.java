package dev.ticketspace.events;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A burst ten times over what a replica handles at once (a dedicated application with a cap of 4 requests,
 * 8 waiting at most for 200 ms) degrades into quick 503 {@code overloaded} answers: no other failure, no
 * event lost, the refused requests changed nothing and succeed when retried. Open event streams do not
 * take up the cap.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BurstTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAP = 4;
    private static final int CLIENTS = 10 * CAP;
    private static final int REQUESTS_PER_CLIENT = 8;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Backend appBackend;
    private String database;
    private DropwizardAppExtension<TicketspaceConfiguration> app;

    /** Starts the test's own application, with the low cap. */
    private Api start(Backend backend) throws Exception {
        appBackend = backend;
        database = Db.forOwnApp(backend, "burst");
        app = backend.newApp(database, Map.of(
                "overload.maxConcurrentRequests", String.valueOf(CAP),
                "overload.maxWaiting", String.valueOf(2 * CAP),
                "overload.maxWait", "200ms"));
        app.before();
        return new Api(app, "demo");
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
            Db.dropForOwnApp(appBackend, database);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBurstOverTheCapIsAnsweredOverloadedAndLosesNothing(Backend backend) throws Exception {
        Api api = start(backend);
        Jdbi db = Db.of(api.app());
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(api));
        }

        List<Answer> answers = runAtOnce(clients);

        List<Answer> refused = answers.stream().filter(answer -> answer.status() == 503).toList();
        System.out.printf("burst (%s): %d requests, %d refused%n", backend, answers.size(), refused.size());
        assertThat(answers).hasSize(CLIENTS * REQUESTS_PER_CLIENT)
                .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(200, 503));
        assertThat(refused).as("refused requests").isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.code()).as("%s", answer).isEqualTo("overloaded");
            assertThat(answer.retryAfter()).as("Retry-After of %s", answer).isEqualTo("1");
            // Its body unread, a refused post's connection is closed: the client must be told not to reuse it.
            if (answer.event() != null) {
                assertThat(answer.connection()).as("Connection of %s", answer).isEqualTo("close");
            }
        });
        assertThat(answers).as("answered requests").anyMatch(answer -> answer.status() == 200);
        assertThat(rejectedGauge(api)).as("overload.rejected on /metrics").isEqualTo(refused.size());

        for (Answer posted : answers) {
            if (posted.event() != null && posted.status() == 200) {
                assertThat(posted.results()).as("%s", posted).isEqualTo(List.of("applied"));
                assertThat(Db.appliedEvents(db, "demo", Observed.idOf(posted.event()))).as("%s", posted).isEqualTo(1);
            }
        }
        // A refused request was not looked at: retried, each event applies (it is no duplicate).
        for (Answer posted : refused) {
            if (posted.event() != null) {
                assertThat(Observed.statuses(api.postEvents(posted.event()))).containsExactly("applied");
            }
        }
        for (Client client : clients) {
            assertThat(Db.messageCount(db, "demo", client.conversation)).contains(client.messages);
            assertThat(api.state(client.customer).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void openEventStreamsDoNotTakeUpTheCap(Backend backend) throws Exception {
        Api api = start(backend);
        List<InputStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i <= CAP; i++) {
                HttpResponse<InputStream> stream = ApiContract.checked(http.send(HttpRequest.newBuilder(
                                URI.create(api.base() + "/api/v1/messenger/stream"))
                        .header("Authorization", "Bearer " + api.token(Api.id("c")))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
                streams.add(stream.body());
                assertThat(stream.statusCode()).as("stream %d of %d", i + 1, CAP + 1).isEqualTo(200);
            }
            String customer = Api.id("c");
            String conversation = Api.id("conv");
            assertThat(Observed.statuses(api.postEvents(conversationCreated(conversation, customer, 0))))
                    .containsExactly("applied");
            assertThat(api.state(customer).status()).isEqualTo(200);
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
    }

    /** Runs every client on a thread of its own, all starting at once; all their answers. */
    private static List<Answer> runAtOnce(List<Client> clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Answer>>> futures = new ArrayList<>();
            for (Callable<List<Answer>> client : clients) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.call();
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<List<Answer>> future : futures) {
                answers.addAll(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A customer with a conversation: posts a message to it, reads its state, and so on. */
    private final class Client implements Callable<List<Answer>> {
        private final Api api;
        private final String customer = Api.id("c");
        private final String conversation = Api.id("conv");
        private int messages;

        Client(Api api) {
            this.api = api;
            api.apply(conversationCreated(conversation, customer, 0));
        }

        @Override
        public List<Answer> call() {
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                if (i % 2 == 0) {
                    String event = message(conversation, "teammate", 1 + i);
                    messages++;
                    answers.add(send(event, HttpRequest.newBuilder(
                                    URI.create(api.base() + "/api/v1/workspaces/demo/events"))
                            .header("Authorization", "Bearer " + api.workspace().apiKey())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + event + "]}"))));
                } else {
                    answers.add(send(null, HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/messenger"))
                            .header("Authorization", "Bearer " + api.token(customer)).GET()));
                }
            }
            return answers;
        }

        private Answer send(String event, HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = ApiContract.checked(http.send(request.timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString()));
                return new Answer(event, response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("Connection").orElse(null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response; {@code event} is the event posted, or null for a state read. */
    private record Answer(String event, int status, String body, String retryAfter, String connection) {
        String code() {
            return parse(body).path("code").asText(null);
        }

        List<String> results() {
            List<String> statuses = new ArrayList<>();
            parse(body).path("results").forEach(result -> statuses.add(result.path("status").asText()));
            return statuses;
        }
    }

    private long rejectedGauge(Api api) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + api.app().getAdminPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode gauge = parse(response.body()).path("gauges").path("overload.rejected").path("value");
        assertThat(gauge.isNumber()).as("gauge overload.rejected on /metrics").isTrue();
        return gauge.asLong();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
