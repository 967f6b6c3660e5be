package dev.ticketspace.submissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.events.ConversationCreated;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.events.EventResult;
import dev.ticketspace.events.TicketCreated;
import dev.ticketspace.events.TicketState;
import dev.ticketspace.store.CustomerDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Tickets customers submit. A submission is recorded first, under the customer's lock, which makes the
 * Idempotency-Key and the hourly limit hold across replicas; then its ticket and new conversation are
 * applied as the events {@code conversation.created} and {@code ticket.created}, in one transaction, with
 * ids derived from the submission: the rules see them like any other, and a retry with the same key
 * applies what a crash in between left out, or answers duplicates.
 */
public final class Submissions {
    static final String EVENT_PREFIX = "submission:";
    static final Duration KEY_LIFETIME = Duration.ofHours(24);
    static final int MAX_TEXT = 1000;
    static final int MAX_TEXTAREA = 10_000;

    private final Jdbi jdbi;
    private final TicketTypes types;
    private final EventApplier applier;
    private final SubmissionsConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public Submissions(Jdbi jdbi, TicketTypes types, EventApplier applier,
                       SubmissionsConfig config, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.types = types;
        this.applier = applier;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** The submitted ticket and its conversation. */
    public record Submitted(String ticketId, String conversationId) {
    }

    /** Submits the ticket, or answers the one submitted with the same key within 24 h. */
    public Submitted submit(String workspaceId, String customerId, String idempotencyKey, SubmissionRequest request) {
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255)) {
            throw ApiException.badRequest("invalid_idempotency_key", "Idempotency-Key must be 1 to 255 characters");
        }
        TicketType type = types.find(workspaceId, request.typeId()).orElseThrow(() -> new ApiException(422,
                "unknown_ticket_type", "this workspace offers no ticket type " + request.typeId()));
        String fields = write(checkedFields(type, request.fields()));
        SubmissionRow submission = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            handle.attach(CustomerDao.class).lock(workspaceId, customerId);
            SubmissionDao dao = handle.attach(SubmissionDao.class);
            Instant now = clock.instant();
            if (idempotencyKey != null) {
                var prior = dao.byKey(workspaceId, customerId, idempotencyKey);
                if (prior.isPresent() && prior.get().createdAt().isAfter(now.minus(KEY_LIFETIME))) {
                    return prior.get();
                }
                prior.ifPresent(old -> dao.forgetKey(workspaceId, old.id()));
            }
            if (dao.countSince(workspaceId, customerId, now.minus(Duration.ofHours(1))) >= config.maxPerCustomerPerHour()) {
                throw new ApiException(429, "too_many_submissions", "at most " + config.maxPerCustomerPerHour()
                        + " tickets per customer per hour");
            }
            String id = UUID.randomUUID().toString().replace("-", "");
            SubmissionRow row = new SubmissionRow(id, customerId, type.id(), request.title(), fields,
                    "sub-" + id, "sub-" + id + "-conversation", now);
            dao.insert(workspaceId, row, idempotencyKey);
            return row;
        });
        List<EventResult> results = applier.applyAll(workspaceId, List.of(
                new ConversationCreated(EVENT_PREFIX + submission.id() + ":conversation", submission.createdAt(),
                        submission.conversationId(), customerId),
                new TicketCreated(EVENT_PREFIX + submission.id() + ":ticket", submission.createdAt(),
                        submission.ticketId(), customerId, submission.title(),
                        new TicketState("submitted", config.label()), true, submission.conversationId())));
        for (EventResult result : results) {
            if (result.code() != null) {
                throw new ApiException(409, result.code(), result.message());
            }
        }
        return new Submitted(submission.ticketId(), submission.conversationId());
    }

    /** The values checked against the type: each one the type has, of its kind; required ones present. */
    private ObjectNode checkedFields(TicketType type, Map<String, JsonNode> values) {
        for (String name : values.keySet()) {
            if (type.fields().stream().noneMatch(field -> field.id().equals(name))) {
                throw invalid(name, "ticket type " + type.id() + " has no such field");
            }
        }
        ObjectNode checked = json.createObjectNode();
        for (TicketField field : type.fields()) {
            JsonNode value = values.get(field.id());
            boolean empty = value == null || value.isNull() || value.isTextual() && value.asText().isBlank();
            if (empty) {
                if (field.required()) {
                    throw invalid(field.id(), "is required");
                }
                continue;
            }
            switch (field.type()) {
                case "number" -> {
                    if (!value.isNumber()) {
                        throw invalid(field.id(), "must be a number");
                    }
                }
                case "select" -> {
                    if (!value.isTextual() || !field.options().contains(value.asText())) {
                        throw invalid(field.id(), "must be one of " + String.join(", ", field.options()));
                    }
                }
                default -> {
                    int max = field.type().equals("text") ? MAX_TEXT : MAX_TEXTAREA;
                    if (!value.isTextual() || value.asText().length() > max) {
                        throw invalid(field.id(), "must be text of at most " + max + " characters");
                    }
                }
            }
            checked.set(field.id(), value);
        }
        return checked;
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("invalid_field", "fields." + field + ": " + message);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
