package dev.ticketspace.webhooks;

import dev.ticketspace.api.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** A workspace's webhook endpoints and their delivery logs. */
public final class WebhookEndpoints {
    public static final int MAX_ENDPOINTS = 20;
    public static final int MAX_DELIVERIES_PAGE = 100;

    private final Jdbi jdbi;
    private final TargetPolicy targets;
    private final Duration window;
    private final Clock clock;

    public WebhookEndpoints(Jdbi jdbi, TargetPolicy targets, Duration window, Clock clock) {
        this.jdbi = jdbi;
        this.targets = targets;
        this.window = window;
        this.clock = clock;
    }

    /** The saved endpoint and whether it is new. */
    public record Saved(WebhookEndpoint endpoint, boolean created) {
    }

    /**
     * Creates or replaces the endpoint. Without a secret a new endpoint gets a generated one, shown in this
     * answer only, and an existing endpoint keeps its own.
     */
    public Saved put(String workspaceId, String endpointId, WebhookRequest request) {
        URI url = checkUrl(request.url());
        String events = checkEvents(request.events());
        if (request.secret() != null && WebhookSecret.parse(request.secret()).isEmpty()) {
            throw ApiException.badRequest("invalid_secret", "secret must be whsec_ followed by the standard base64 of "
                    + WebhookSecret.MIN_BYTES + " to " + WebhookSecret.MAX_BYTES + " random bytes");
        }
        String refusal = targets.refusal(url);
        if (refusal != null) {
            throw ApiException.badRequest("target_not_allowed", refusal);
        }
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            List<EndpointRow> existing = dao.endpointsForUpdate(workspaceId);
            Optional<EndpointRow> current = existing.stream().filter(e -> e.id().equals(endpointId)).findFirst();
            Instant now = clock.instant();
            if (current.isPresent()) {
                String secret = request.secret() != null ? request.secret() : current.get().secret();
                EndpointRow row = new EndpointRow(endpointId, url.toString(), events, secret, current.get().createdAt(), now);
                dao.updateEndpoint(workspaceId, row);
                return new Saved(WebhookEndpoint.of(row, null), false);
            }
            if (existing.size() >= MAX_ENDPOINTS) {
                throw new ApiException(409, "too_many_webhooks", "a workspace has at most " + MAX_ENDPOINTS + " webhooks");
            }
            String generated = request.secret() == null ? WebhookSecret.generate() : null;
            EndpointRow row = new EndpointRow(endpointId, url.toString(), events,
                    generated != null ? generated : request.secret(), now, now);
            dao.insertEndpoint(workspaceId, row);
            return new Saved(WebhookEndpoint.of(row, generated), true);
        });
    }

    public WebhookEndpoint get(String workspaceId, String endpointId) {
        return WebhookEndpoint.of(find(workspaceId, endpointId), null);
    }

    /** Deletes the endpoint and its deliveries, pending ones included. */
    public void delete(String workspaceId, String endpointId) {
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            if (dao.deleteEndpoint(workspaceId, endpointId) == 0) {
                throw unknown(endpointId);
            }
            dao.deleteDeliveries(workspaceId, endpointId);
        });
    }

    /** The endpoint's newest deliveries, newest first. */
    public List<Delivery> deliveries(String workspaceId, String endpointId, int limit) {
        find(workspaceId, endpointId);
        return jdbi.withHandle(handle -> handle.attach(WebhookDao.class).deliveries(workspaceId, endpointId, limit))
                .stream().map(Delivery::of).toList();
    }

    /** Sends a failed (or delivered) message again, at once, with the same webhook-id and a new retry window. */
    public Delivery retry(String workspaceId, String endpointId, String deliveryId) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            DeliveryRow delivery = dao.delivery(workspaceId, deliveryId)
                    .filter(d -> d.endpointId().equals(endpointId))
                    .orElseThrow(() -> ApiException.notFound("unknown_delivery",
                            "no delivery " + deliveryId + " for webhook " + endpointId));
            Instant now = clock.instant();
            if (dao.requeue(workspaceId, deliveryId, now, now.plus(window)) == 0) {
                throw new ApiException(409, "delivery_pending", "delivery " + deliveryId + " is still being delivered");
            }
            return Delivery.of(dao.delivery(workspaceId, deliveryId).orElseThrow());
        });
    }

    private EndpointRow find(String workspaceId, String endpointId) {
        return jdbi.withHandle(handle -> handle.attach(WebhookDao.class).endpoint(workspaceId, endpointId))
                .orElseThrow(() -> unknown(endpointId));
    }

    private static ApiException unknown(String endpointId) {
        return ApiException.notFound("unknown_webhook", "no webhook " + endpointId);
    }

    private static URI checkUrl(String text) {
        try {
            URI url = new URI(text);
            boolean web = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            if (web && url.getHost() != null && url.getRawUserInfo() == null && url.getRawFragment() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_url", "url must be an absolute http or https URL with a host, "
                + "without user info or fragment");
    }

    private static String checkEvents(List<String> events) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String event : events) {
            if (!WebhookOutbox.EVENT_TYPES.contains(event)) {
                throw invalidEvents();
            }
            distinct.add(event);
        }
        if (distinct.isEmpty()) {
            throw invalidEvents();
        }
        return String.join(",", distinct);
    }

    private static ApiException invalidEvents() {
        return ApiException.badRequest("invalid_event_type",
                "events must name one or more of " + String.join(", ", WebhookOutbox.EVENT_TYPES));
    }
}
