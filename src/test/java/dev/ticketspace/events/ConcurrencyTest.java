package dev.ticketspace.events;

import static dev.ticketspace.events.Observed.conversation;
import static dev.ticketspace.events.Observed.conversations;
import static dev.ticketspace.events.Observed.idOf;
import static dev.ticketspace.events.Observed.ticket;
import static dev.ticketspace.support.Events.at;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent events for one customer never produce wrong counts: many clients posting at once, each
 * request over its own connection (java.net.http, so no client-side pool limits the concurrency).
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 6;
    private static final int MESSAGES_PER_REQUEST = 7;
    private static final int STATE_CHANGES_PER_REQUEST = 3;
    private static final List<String> CATEGORIES = List.of("in_progress", "waiting_on_customer", "submitted", "resolved");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void manyClientsPostingForOneCustomerAtOnceLoseNothing(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        String linkedTicket = Api.id("t");
        List<String> ticketOfThread = new ArrayList<>();
        List<String> setup = new ArrayList<>(List.of(conversationCreated(conv, customer, 1),
                ticketCreated(linkedTicket, customer, conv, 1)));
        for (int i = 0; i < THREADS; i++) {
            ticketOfThread.add(Api.id("t"));
            setup.add(ticketCreated(ticketOfThread.get(i), customer, null, 1));
        }
        assertThat(post(api, setup)).containsOnly("applied");
        long stateVersionBefore = Observed.version(api, customer);
        List<String> sent = Collections.synchronizedList(new ArrayList<>());

        int[] lastMessageMinute = new int[THREADS];
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            clients.add(() -> {
                List<String> statuses = new ArrayList<>();
                int stateMinute = 10;
                for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                    // messages and state changes mixed at random, the state changes in time order
                    List<Boolean> isStateChange = new ArrayList<>();
                    for (int e = 0; e < MESSAGES_PER_REQUEST + STATE_CHANGES_PER_REQUEST; e++) {
                        isStateChange.add(e < STATE_CHANGES_PER_REQUEST);
                    }
                    Collections.shuffle(isStateChange);
                    List<String> events = new ArrayList<>();
                    int message = 0;
                    for (boolean stateChange : isStateChange) {
                        if (stateChange) {
                            // each thread changes its own ticket, in time order: no change is stale
                            events.add(stateChanged(ticketOfThread.get(thread),
                                    CATEGORIES.get((stateMinute - 10) % CATEGORIES.size()), stateMinute++));
                        } else {
                            int minute = ThreadLocalRandom.current().nextInt(10, 10_000);
                            lastMessageMinute[thread] = Math.max(lastMessageMinute[thread], minute);
                            events.add(message(conv, message++ % 2 == 0 ? "teammate" : "customer", minute));
                        }
                    }
                    events.forEach(event -> sent.add(idOf(event)));
                    statuses.addAll(post(api, events));
                }
                return statuses;
            });
        }

        List<String> statuses = runAtOnce(clients);

        int perThread = REQUESTS_PER_THREAD * (MESSAGES_PER_REQUEST + STATE_CHANGES_PER_REQUEST);
        int messages = THREADS * REQUESTS_PER_THREAD * MESSAGES_PER_REQUEST;
        assertThat(statuses).hasSize(THREADS * perThread).containsOnly("applied");
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(messages);
        assertThat(Db.appliedEvents(db, api.workspaceId(), sent)).as("each event recorded once").isEqualTo(THREADS * perThread);
        assertThat(Observed.version(api, customer)).as("the state changed").isGreaterThan(stateVersionBefore);
        int changes = REQUESTS_PER_THREAD * STATE_CHANGES_PER_REQUEST;
        String lastCategory = CATEGORIES.get((changes - 1) % CATEGORIES.size());
        List<JsonNode> listed = Observed.tickets(api, customer);
        assertThat(listed).hasSize(THREADS + 1);
        for (String ticketId : ticketOfThread) {
            JsonNode ticket = listed.stream().filter(t -> t.get("id").asText().equals(ticketId)).findFirst().orElseThrow();
            assertThat(ticket.get("state").get("category").asText()).isEqualTo(lastCategory);
            assertThat(Observed.instantOf(ticket.get("lastActivityAt"))).isEqualTo(at(10 + changes - 1));
        }
        int lastMessage = java.util.Arrays.stream(lastMessageMinute).max().orElseThrow();
        assertThat(Observed.instantOf(conversation(api, customer, conv).get("lastMessageAt"))).isEqualTo(at(lastMessage));
        assertThat(Observed.instantOf(ticket(api, customer, linkedTicket).get("lastActivityAt"))).isEqualTo(at(lastMessage));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theSameBatchRetriedByManyClientsAtOnceAppliesEachEventOnce(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        String conv = Api.id("conv");
        assertThat(post(api, List.of(conversationCreated(conv, customer, 1)))).containsExactly("applied");
        long versionBefore = Observed.version(api, customer);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(message(conv, "teammate", 2 + i));
        }
        Map<String, List<String>> outcomes = new ConcurrentHashMap<>();
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            clients.add(() -> {
                List<JsonNode> results = postForResults(api, batch);
                for (JsonNode result : results) {
                    outcomes.computeIfAbsent(result.get("id").asText(), id -> Collections.synchronizedList(new ArrayList<>()))
                            .add(result.get("status").asText());
                }
                return results.stream().map(r -> r.get("status").asText()).toList();
            });
        }

        List<String> statuses = runAtOnce(clients);

        assertThat(statuses).hasSize(THREADS * batch.size()).containsOnly("applied", "duplicate");
        assertThat(outcomes).hasSize(batch.size());
        for (String event : batch) {
            assertThat(outcomes.get(idOf(event))).as(idOf(event))
                    .hasSize(THREADS).containsOnlyOnce("applied").containsOnly("applied", "duplicate");
        }
        assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(batch.size());
        assertThat(Db.appliedEvents(db, api.workspaceId(), batch.stream().map(Observed::idOf).toList()))
                .as("each event recorded once").isEqualTo(batch.size());
        assertThat(Observed.version(api, customer)).as("the state changed").isGreaterThan(versionBefore);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theFirstEventsOfANewCustomerMayArriveAtOnce(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        Jdbi db = Db.of(backend);
        String customer = Api.id("c");
        List<String> convs = new ArrayList<>();
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String conv = Api.id("conv");
            convs.add(conv);
            clients.add(() -> {
                List<String> statuses = new ArrayList<>(post(api, List.of(conversationCreated(conv, customer, 1))));
                for (int m = 0; m < 5; m++) {
                    statuses.addAll(post(api, List.of(message(conv, "teammate", 2 + m))));
                }
                return statuses;
            });
        }

        List<String> statuses = runAtOnce(clients);

        assertThat(statuses).hasSize(THREADS * 6).containsOnly("applied");
        assertThat(conversations(api, customer)).hasSize(THREADS);
        for (String conv : convs) {
            assertThat(Db.messageCount(db, api.workspaceId(), conv)).contains(5);
        }
        assertThat(Observed.badge(api, customer, "messages")).isEqualTo(THREADS);
    }

    /** Runs the clients on their own threads, all starting at once; the statuses of all their results. */
    private static List<String> runAtOnce(List<Callable<List<String>>> clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (Callable<List<String>> client : clients) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.call();
                }));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                statuses.addAll(future.get(110, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Posts the events; the statuses of the results, failing on any response but a 200. */
    private List<String> post(Api api, List<String> events) {
        return postForResults(api, events).stream().map(r -> r.get("status").asText()).toList();
    }

    private List<JsonNode> postForResults(Api api, List<String> events) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(api.base() + "/api/v1/workspaces/" + api.workspaceId() + "/events"))
                .header("Authorization", "Bearer " + api.workspace().apiKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + String.join(",", events) + "]}"))
                .build();
        HttpResponse<String> response;
        try {
            response = ApiContract.checked(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Api.Reply reply = new Api.Reply(response.statusCode(), response.body());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        reply.json().get("results").forEach(results::add);
        assertThat(results).hasSize(events.size());
        return results;
    }
}
