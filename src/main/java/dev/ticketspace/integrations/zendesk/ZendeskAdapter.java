package dev.ticketspace.integrations.zendesk;

import static dev.ticketspace.integrations.VendorPayload.id;
import static dev.ticketspace.integrations.VendorPayload.requiredId;
import static dev.ticketspace.integrations.VendorPayload.requiredText;
import static dev.ticketspace.integrations.VendorPayload.text;
import static dev.ticketspace.integrations.VendorPayload.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.events.ConversationStateChanged;
import dev.ticketspace.events.Event;
import dev.ticketspace.events.MessageAdded;
import dev.ticketspace.events.TicketSharingChanged;
import dev.ticketspace.events.TicketState;
import dev.ticketspace.events.TicketStateChanged;
import dev.ticketspace.integrations.HelpDeskEvents;
import dev.ticketspace.integrations.Mapping;
import dev.ticketspace.integrations.Signatures;
import dev.ticketspace.integrations.StatusMapping;
import dev.ticketspace.integrations.VendorIds;
import dev.ticketspace.integrations.VendorPayload;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk's webhooks for ticket events ({@code zen:event-type:ticket.*}), for one workspace. Zendesk signs
 * each request: {@code X-Zendesk-Webhook-Signature} is the base64 HMAC-SHA256, keyed with the webhook's
 * signing secret, of {@code X-Zendesk-Webhook-Signature-Timestamp} followed by the raw body. Each
 * delivery's events take their ids from the payload's event {@code id}, so a retried or replayed
 * delivery applies nothing twice. One Zendesk ticket is one Ticketspace ticket and one conversation.
 */
public final class ZendeskAdapter {
    public static final String VENDOR = "zendesk";
    public static final String SIGNATURE = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";

    private static final String TYPE_PREFIX = "zen:event-type:ticket.";
    public static final Map<String, TicketState> DEFAULT_STATES = defaults();

    private final String secret;
    private final VendorIds ids;
    private final StatusMapping states;
    private final Signatures signatures;

    public ZendeskAdapter(ZendeskConfig config, Signatures signatures) {
        this.secret = config.secret();
        this.ids = new VendorIds(VENDOR, config.customers());
        this.states = new StatusMapping(DEFAULT_STATES, config.states());
        this.signatures = signatures;
    }

    private static Map<String, TicketState> defaults() {
        Map<String, TicketState> states = new LinkedHashMap<>();
        states.put("new", new TicketState("submitted", "Submitted"));
        states.put("open", new TicketState("in_progress", "In progress"));
        states.put("pending", new TicketState("waiting_on_customer", "Waiting on you"));
        states.put("hold", new TicketState("in_progress", "In progress"));
        states.put("solved", new TicketState("resolved", "Resolved"));
        states.put("closed", new TicketState("resolved", "Resolved"));
        return Map.copyOf(states);
    }

    /** Checks the signature and its timestamp (401 otherwise), then maps the delivery. */
    public Mapping receive(String signature, String timestamp, byte[] body) {
        Instant signedAt = verify(signature, timestamp, body);
        return map(VendorPayload.parse(body).root(), signedAt);
    }

    private Instant verify(String signature, String timestamp, byte[] body) {
        String offered = Signatures.required(signature, SIGNATURE);
        String signedAt = Signatures.required(timestamp, TIMESTAMP);
        byte[] mac = Signatures.hmacSha256(secret, signedAt.getBytes(StandardCharsets.UTF_8), body);
        Signatures.requireEqual(offered, Base64.getEncoder().encodeToString(mac));
        Instant at;
        try {
            at = OffsetDateTime.parse(signedAt).toInstant();
        } catch (DateTimeException e) {
            throw Signatures.refused("invalid_signature", "the " + TIMESTAMP + " header is not an ISO-8601 time");
        }
        signatures.requireFresh(at);
        return at;
    }

    private Mapping map(JsonNode payload, Instant signedAt) {
        String type = requiredText(payload, "type");
        if (!type.startsWith(TYPE_PREFIX)) {
            return Mapping.ignored("Ticketspace does not use " + type + " events");
        }
        String kind = type.substring(TYPE_PREFIX.length());
        switch (kind) {
            case "created", "status_changed", "comment_added", "soft_deleted", "permanently_deleted",
                 "marked_as_spam", "undeleted" -> {
            }
            case "requester_changed" -> {
                return Mapping.ignored("a ticket stays with the customer who first requested it: Ticketspace "
                        + "cannot move a ticket to another customer");
            }
            default -> {
                return Mapping.ignored("Ticketspace does not use " + type + " events");
            }
        }
        JsonNode comment = VendorPayload.at(payload, "event.comment");
        if (kind.equals("comment_added") && !VendorPayload.bool(comment, "is_public", false)) {
            return Mapping.ignored("internal comments never reach the customer");
        }
        String delivery = requiredId(payload, "id");
        Instant at = time(payload, "time").orElse(signedAt);
        String ticket = requiredId(payload, "detail.id");
        List<Event> events = new ArrayList<>();
        switch (kind) {
            case "soft_deleted", "permanently_deleted", "marked_as_spam" ->
                    events.add(new TicketSharingChanged(ids.of(delivery), at, ids.of(ticket), false));
            case "undeleted" -> events.add(new TicketSharingChanged(ids.of(delivery), at, ids.of(ticket), true));
            default -> {
                events.addAll(known(payload, ticket, at));
                if (kind.equals("status_changed")) {
                    events.addAll(statusChanged(payload, delivery, ticket, at));
                } else if (kind.equals("comment_added")) {
                    String requester = requiredId(payload, "detail.requester_id");
                    String author = id(comment, "author.id").orElse(null);
                    events.add(new MessageAdded(ids.of(delivery), at, ids.of(ticket),
                            ids.of(requiredId(comment, "id")), requester.equals(author) ? "customer" : "teammate"));
                }
            }
        }
        return Mapping.of(events);
    }

    /** The ticket and its conversation, as the payload's ticket detail shows them. */
    private List<Event> known(JsonNode payload, String ticket, Instant at) {
        String customer = ids.customer(requiredId(payload, "detail.requester_id"));
        TicketState state = stateOf(payload, "detail.status");
        String title = HelpDeskEvents.title(text(payload, "detail.subject").orElse(null), "Request #" + ticket);
        return List.of(HelpDeskEvents.conversation(ids, ticket, customer, at),
                HelpDeskEvents.ticket(ids, ticket, customer, title, state, at));
    }

    /** A closed Zendesk ticket can never be reopened, so its conversation closes with it. */
    private List<Event> statusChanged(JsonNode payload, String delivery, String ticket, Instant at) {
        String status = text(payload, "event.current").orElseGet(() -> requiredText(payload, "detail.status"));
        TicketState state = states.stateOf(status).orElseThrow(() -> unknownStatus("event.current", status));
        List<Event> events = new ArrayList<>(List.of(new TicketStateChanged(ids.of(delivery), at, ids.of(ticket), state)));
        if (status.strip().equalsIgnoreCase("closed")) {
            events.add(new ConversationStateChanged(ids.of(delivery, "conversation"), at, ids.of(ticket), "closed"));
        }
        return events;
    }

    private TicketState stateOf(JsonNode payload, String path) {
        String status = requiredText(payload, path);
        return states.stateOf(status).orElseThrow(() -> unknownStatus(path, status));
    }

    private RuntimeException unknownStatus(String path, String status) {
        return VendorPayload.invalid(path, "is not a status the mapping knows ("
                + String.join(", ", states.all().keySet().stream().sorted().toList()) + ")");
    }
}
