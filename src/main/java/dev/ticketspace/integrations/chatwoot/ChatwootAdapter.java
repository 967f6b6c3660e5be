package dev.ticketspace.integrations.chatwoot;

import static dev.ticketspace.integrations.VendorPayload.bool;
import static dev.ticketspace.integrations.VendorPayload.id;
import static dev.ticketspace.integrations.VendorPayload.invalid;
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
import dev.ticketspace.integrations.TicketLookup;
import dev.ticketspace.integrations.VendorIds;
import dev.ticketspace.integrations.VendorPayload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chatwoot's account webhooks, for one workspace. Chatwoot signs each request:
 * {@code X-Chatwoot-Signature} is {@code sha256=} and the hex HMAC-SHA256, keyed with the webhook's secret,
 * of {@code X-Chatwoot-Timestamp} (seconds since 1970), a dot and the raw body.
 *
 * <p>Chatwoot has no tickets: a conversation that carries the workspace's ticket label is a shared ticket
 * linked to that conversation, its Chatwoot status the ticket's state; taking the label off unshares it.
 * Chatwoot payloads carry no delivery id that the signature covers ({@code X-Chatwoot-Delivery} is not
 * signed, so a replay could change it), so a delivery is known by its message id where it has one, else
 * by the SHA-256 of its signed body; a retry sends the same body.
 */
public final class ChatwootAdapter {
    public static final String VENDOR = "chatwoot";
    public static final String SIGNATURE = "X-Chatwoot-Signature";
    public static final String TIMESTAMP = "X-Chatwoot-Timestamp";
    public static final Map<String, TicketState> DEFAULT_STATES = defaults();
    private static final Map<String, String> CONVERSATION_STATES = Map.of(
            "open", "open", "pending", "open", "snoozed", "snoozed", "resolved", "closed");

    private final String secret;
    private final String ticketLabel;
    private final VendorIds ids;
    private final StatusMapping states;
    private final Signatures signatures;
    private final TicketLookup tickets;

    public ChatwootAdapter(ChatwootConfig config, Signatures signatures, TicketLookup tickets) {
        this.secret = config.secret();
        this.ticketLabel = config.ticketLabel().strip();
        this.ids = new VendorIds(VENDOR, config.customers());
        this.states = new StatusMapping(DEFAULT_STATES, config.states());
        this.signatures = signatures;
        this.tickets = tickets;
    }

    private static Map<String, TicketState> defaults() {
        Map<String, TicketState> states = new LinkedHashMap<>();
        states.put("open", new TicketState("in_progress", "In progress"));
        states.put("pending", new TicketState("submitted", "Submitted"));
        states.put("snoozed", new TicketState("waiting_on_customer", "Waiting on you"));
        states.put("resolved", new TicketState("resolved", "Resolved"));
        return Map.copyOf(states);
    }

    /** Checks the signature and its timestamp (401 otherwise), then maps the delivery. */
    public Mapping receive(String workspaceId, String signature, String timestamp, byte[] body) {
        Instant signedAt = verify(signature, timestamp, body);
        return new Delivery(workspaceId, VendorPayload.parse(body).root(), sha256(body), signedAt).map();
    }

    private Instant verify(String signature, String timestamp, byte[] body) {
        String offered = Signatures.required(signature, SIGNATURE);
        String signedAt = Signatures.required(timestamp, TIMESTAMP);
        byte[] mac = Signatures.hmacSha256(secret, (signedAt + ".").getBytes(StandardCharsets.UTF_8), body);
        Signatures.requireEqual(offered, "sha256=" + HexFormat.of().formatHex(mac));
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(signedAt));
        } catch (RuntimeException e) {
            throw Signatures.refused("invalid_signature", "the " + TIMESTAMP + " header is not seconds since 1970");
        }
        signatures.requireFresh(at);
        return at;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** One delivery being mapped. */
    private final class Delivery {
        private final String workspaceId;
        private final JsonNode payload;
        private final String bodyHash;
        private final Instant signedAt;
        /** The conversation the payload is about. */
        private JsonNode conversation;
        /** The path to it in the payload, for error messages: empty or {@code conversation.}. */
        private String at;

        Delivery(String workspaceId, JsonNode payload, String bodyHash, Instant signedAt) {
            this.workspaceId = workspaceId;
            this.payload = payload;
            this.bodyHash = bodyHash;
            this.signedAt = signedAt;
        }

        Mapping map() {
            String event = requiredText(payload, "event");
            switch (event) {
                case "conversation_created", "conversation_status_changed", "conversation_updated" -> {
                    conversation = payload;
                    at = "";
                }
                case "message_created" -> {
                    conversation = VendorPayload.at(payload, "conversation");
                    at = "conversation.";
                }
                default -> {
                    return Mapping.ignored("Ticketspace does not use " + event + " events");
                }
            }
            if (!conversation.isObject()) {
                throw invalid(at.isEmpty() ? "the body" : "conversation", "must be an object");
            }
            return switch (event) {
                case "conversation_created" -> Mapping.of(known(conversationTime()));
                case "conversation_status_changed" -> statusChanged();
                case "conversation_updated" -> updated();
                default -> messageCreated();
            };
        }

        private Mapping statusChanged() {
            Instant time = conversationTime();
            String status = requiredText(conversation, "status");
            String state = CONVERSATION_STATES.get(status.strip().toLowerCase(Locale.ROOT));
            if (state == null) {
                throw invalid("status", "must be open, pending, snoozed or resolved");
            }
            List<Event> events = new ArrayList<>(known(time));
            events.add(new ConversationStateChanged(ids.of(bodyHash, "conversation.state"), time,
                    ids.of(conversationId()), state));
            if (labelled()) {
                events.add(new TicketStateChanged(ids.of(bodyHash, "ticket.state"), time, ids.of(conversationId()),
                        ticketState()));
            }
            return Mapping.of(events);
        }

        /** The ticket follows the label: shared while the conversation has it, unshared once it is taken off. */
        private Mapping updated() {
            Instant time = conversationTime();
            boolean existed = tickets.exists(workspaceId, ids.of(conversationId()));
            List<Event> events = new ArrayList<>(known(time));
            if (existed) {
                events.add(new TicketSharingChanged(ids.of(bodyHash, "ticket.sharing"), time, ids.of(conversationId()),
                        labelled()));
            }
            return Mapping.of(events);
        }

        private Mapping messageCreated() {
            if (bool(payload, "private", false)) {
                return Mapping.ignored("private notes never reach the customer");
            }
            String author = switch (requiredMessageType()) {
                case "incoming", "0" -> "customer";
                case "outgoing", "1" -> "teammate";
                default -> null;
            };
            if (author == null) {
                return Mapping.ignored("activity and template messages are not conversation messages");
            }
            String message = requiredId(payload, "id");
            Instant time = time(payload, "created_at").orElse(signedAt);
            List<Event> events = new ArrayList<>(known(time));
            events.add(new MessageAdded(ids.of(message, "message"), time, ids.of(conversationId()), ids.of(message),
                    author));
            return Mapping.of(events);
        }

        private String requiredMessageType() {
            JsonNode type = VendorPayload.at(payload, "message_type");
            if (type.isTextual() || type.isIntegralNumber()) {
                return type.asText().strip().toLowerCase(Locale.ROOT);
            }
            throw invalid("message_type", type.isMissingNode() ? "is missing" : "must be text or a number");
        }

        /** The conversation, and its ticket while it carries the label, as the payload shows them. */
        private List<Event> known(Instant time) {
            String id = conversationId();
            String customer = ids.customer(id(conversation, "meta.sender.id")
                    .or(() -> id(conversation, "contact_inbox.contact_id"))
                    .orElseThrow(() -> invalid(at + "meta.sender.id", "is missing")));
            List<Event> events = new ArrayList<>(List.of(HelpDeskEvents.conversation(ids, id, customer, time)));
            if (labelled()) {
                String title = HelpDeskEvents.title(text(conversation, "additional_attributes.mail_subject")
                        .orElse(null), "Conversation #" + id);
                events.add(HelpDeskEvents.ticket(ids, id, customer, title, ticketState(), time));
            }
            return events;
        }

        private String conversationId() {
            return requiredId(conversation, "id");
        }

        private TicketState ticketState() {
            String status = requiredText(conversation, "status");
            return states.stateOf(status).orElseThrow(() -> invalid(at + "status",
                    "is not a status the mapping knows (" + String.join(", ",
                            states.all().keySet().stream().sorted().toList()) + ")"));
        }

        private boolean labelled() {
            JsonNode labels = conversation.path("labels");
            if (labels.isMissingNode() || labels.isNull()) {
                return false;
            }
            if (!labels.isArray()) {
                throw invalid(at + "labels", "must be a list of labels");
            }
            for (JsonNode label : labels) {
                if (!label.isTextual()) {
                    throw invalid(at + "labels", "must be a list of labels");
                }
                if (label.asText().strip().equalsIgnoreCase(ticketLabel)) {
                    return true;
                }
            }
            return false;
        }

        /** When the conversation last changed, as precisely as the payload tells. */
        private Instant conversationTime() {
            return time(conversation, "updated_at").or(() -> time(conversation, "timestamp")).orElse(signedAt);
        }
    }
}
