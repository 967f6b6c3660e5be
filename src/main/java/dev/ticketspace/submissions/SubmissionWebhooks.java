package dev.ticketspace.submissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.events.AppliedEventListener;
import dev.ticketspace.events.TicketCreated;
import dev.ticketspace.webhooks.WebhookOutbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@code ticket.submitted} out to the endpoints that want it, in the transaction that creates the ticket. */
public final class SubmissionWebhooks implements AppliedEventListener {
    private final WebhookOutbox outbox;
    private final ObjectMapper json;

    public SubmissionWebhooks(WebhookOutbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @Override
    public InTransaction open(Handle handle, String workspaceId) {
        WebhookOutbox.Writer writer = outbox.writer(handle, workspaceId);
        return (customerId, event) -> {
            if (!(event instanceof TicketCreated created) || !created.id().startsWith(Submissions.EVENT_PREFIX)) {
                return;
            }
            String submissionId = created.id().substring(Submissions.EVENT_PREFIX.length())
                    .replaceFirst(":ticket$", "");
            // A back-office event posing as a submission's finds no submission of that ticket.
            handle.attach(SubmissionDao.class).find(workspaceId, submissionId)
                    .filter(submission -> submission.ticketId().equals(created.ticketId()))
                    .ifPresent(submission -> {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("customerId", customerId);
                        data.put("ticketId", submission.ticketId());
                        data.put("conversationId", submission.conversationId());
                        data.put("typeId", submission.typeId());
                        data.put("title", submission.title());
                        data.put("fields", read(submission.fields()));
                        data.put("submittedAt", submission.createdAt().toString());
                        writer.write(WebhookOutbox.TICKET_SUBMITTED, submission.createdAt(), data);
                    });
        };
    }

    private Object read(String fields) {
        try {
            return json.readTree(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored fields are JSON", e);
        }
    }
}
