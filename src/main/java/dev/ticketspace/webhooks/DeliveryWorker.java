package dev.ticketspace.webhooks;

import io.dropwizard.lifecycle.Managed;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox, on every replica. Each poll claims due deliveries in a short transaction,
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} so that replicas polling together take different rows, and
 * moves each claimed row's next attempt past the attempt's longest possible end (its lease); the HTTP
 * request is made after the commit, holding no lock. Its outcome is then recorded: delivered, a later
 * attempt with backoff, or failed once the retry window is over. A replica that stops mid-attempt leaves
 * the row to be taken up again when its lease ends: at least once, at most a duplicate.
 *
 * <p>At most {@code concurrency} attempts run at once, at most {@code perEndpointConcurrency} per endpoint,
 * each bounded by the connect and read timeouts, on threads of their own: a receiver that never answers
 * holds up only its own messages, and never a request thread.
 */
public final class DeliveryWorker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR = 255;

    private final Jdbi jdbi;
    private final WebhooksConfig config;
    private final TargetPolicy targets;
    private final Backoff backoff;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore slots;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "webhook-poller"));
    private final ExecutorService senders;
    private boolean failing;

    public DeliveryWorker(Jdbi jdbi, WebhooksConfig config, TargetPolicy targets, Clock clock) {
        this.jdbi = jdbi;
        this.config = config;
        this.targets = targets;
        this.backoff = new Backoff(config.retry().firstDelay().toJavaDuration(), config.retry().maxDelay().toJavaDuration());
        this.clock = clock;
        this.slots = new Semaphore(config.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.concurrency(),
                runnable -> daemon(runnable, "webhook-sender-" + threads.incrementAndGet()));
        // Redirects are not followed: a redirect could lead past the target check.
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout().toJavaDuration())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void start() {
        long interval = config.pollInterval().toMilliseconds();
        poller.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        poller.shutdownNow();
        senders.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS);
        senders.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void pollSafely() {
        try {
            poll();
            if (failing) {
                LOG.info("webhook deliveries resumed");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("webhook deliveries paused: cannot claim deliveries ({}); trying again every poll", e.toString());
                failing = true;
            }
        }
    }

    /** Claims as many due deliveries as there are free slots and sends each on a sender thread. */
    void poll() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        for (DeliveryRow delivery : claim(free)) {
            slots.acquireUninterruptibly();
            AtomicInteger endpointLoad = inFlight.computeIfAbsent(endpointKey(delivery), key -> new AtomicInteger());
            endpointLoad.incrementAndGet();
            senders.execute(() -> {
                try {
                    attempt(delivery);
                } catch (RuntimeException e) {
                    // The lease ends and the delivery is tried again.
                    LOG.warn("webhook delivery {} not recorded: {}", delivery.id(), e.toString());
                } finally {
                    endpointLoad.decrementAndGet();
                    slots.release();
                }
            });
        }
    }

    private List<DeliveryRow> claim(int limit) {
        Map<String, Integer> load = new HashMap<>();
        inFlight.forEach((endpoint, count) -> load.put(endpoint, count.get()));
        List<String> busy = load.entrySet().stream()
                .filter(entry -> entry.getValue() >= config.perEndpointConcurrency()).map(Map.Entry::getKey).toList();
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            Instant now = clock.instant();
            List<DeliveryRow> due = due(handle, now, limit, busy);
            List<DeliveryRow> claimed = new ArrayList<>();
            WebhookDao dao = handle.attach(WebhookDao.class);
            Instant leaseEnd = now.plus(config.claimLease());
            for (DeliveryRow delivery : due) {
                int endpointLoad = load.getOrDefault(endpointKey(delivery), 0);
                if (endpointLoad < config.perEndpointConcurrency()
                        && dao.claim(delivery.workspaceId(), delivery.id(), now, leaseEnd) == 1) {
                    load.put(endpointKey(delivery), endpointLoad + 1);
                    claimed.add(delivery);
                }
            }
            return claimed;
        });
    }

    /** Due deliveries, oldest due first, not to endpoints this replica is busy with, none locked by another worker. */
    private static List<DeliveryRow> due(Handle handle, Instant now, int limit, List<String> busyEndpoints) {
        StringBuilder sql = new StringBuilder(WebhookDao.DELIVERY)
                .append("WHERE status = 'pending' AND next_attempt_at <= :now");
        if (!busyEndpoints.isEmpty()) {
            sql.append(" AND CONCAT(workspace_id, '/', endpoint_id) NOT IN (");
            for (int i = 0; i < busyEndpoints.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(":busy").append(i);
            }
            sql.append(")");
        }
        sql.append(" ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED");
        Query query = handle.createQuery(sql.toString()).bind("now", now).bind("limit", limit);
        for (int i = 0; i < busyEndpoints.size(); i++) {
            query.bind("busy" + i, busyEndpoints.get(i));
        }
        return query.map(ConstructorMapper.of(DeliveryRow.class)).list();
    }

    private static String endpointKey(DeliveryRow delivery) {
        // Ids cannot hold '/', so the key is unambiguous.
        return delivery.workspaceId() + "/" + delivery.endpointId();
    }

    private void attempt(DeliveryRow delivery) {
        Optional<EndpointRow> endpoint = jdbi.withHandle(handle ->
                handle.attach(WebhookDao.class).endpoint(delivery.workspaceId(), delivery.endpointId()));
        if (endpoint.isEmpty()) {
            return; // deleted meanwhile, and its deliveries with it
        }
        Outcome outcome = send(endpoint.get(), delivery);
        Instant at = clock.instant();
        int attempt = delivery.attempts() + 1;
        String status;
        Instant next;
        if (outcome.delivered()) {
            status = DeliveryRow.DELIVERED;
            next = at;
        } else {
            next = at.plus(backoff.after(attempt));
            status = next.isAfter(delivery.giveUpAt()) ? DeliveryRow.FAILED : DeliveryRow.PENDING;
        }
        jdbi.useHandle(handle -> handle.attach(WebhookDao.class).attempted(delivery.workspaceId(), delivery.id(),
                status, at, outcome.responseCode(), outcome.error(), next));
    }

    private record Outcome(boolean delivered, Integer responseCode, String error) {
    }

    private Outcome send(EndpointRow endpoint, DeliveryRow delivery) {
        URI url = URI.create(endpoint.url());
        String refusal = targets.refusal(url);
        if (refusal != null) {
            return new Outcome(false, null, truncate("target refused: " + refusal));
        }
        WebhookSecret secret = WebhookSecret.parse(endpoint.secret()).orElseThrow();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.readTimeout().toJavaDuration())
                .header("content-type", "application/json")
                .header("user-agent", "ticketspace-webhooks")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", secret.sign(delivery.id(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        Duration deadline = config.connectTimeout().toJavaDuration().plus(config.readTimeout().toJavaDuration());
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int code = response.get(deadline.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return code >= 200 && code < 300 ? new Outcome(true, code, null) : new Outcome(false, code, "HTTP " + code);
        } catch (TimeoutException e) {
            response.cancel(true);
            return new Outcome(false, null, "timeout: no response within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped mid-attempt", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String error = cause instanceof HttpTimeoutException ? "timeout: " + cause.getMessage()
                    : cause instanceof ConnectException ? "connection failed"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return new Outcome(false, null, truncate(error));
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
