package dev.ticketspace.webhooks;

import dev.ticketspace.events.AppliedEventListener;
import dev.ticketspace.events.ConversationRead;
import dev.ticketspace.events.TicketRead;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The customer's read marks, out to the endpoints that want them: {@code conversation.read}, {@code ticket.read}. */
public final class ReadMarkWebhooks implements AppliedEventListener {
    private final WebhookOutbox outbox;

    public ReadMarkWebhooks(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public InTransaction open(Handle handle, String workspaceId) {
        WebhookOutbox.Writer writer = outbox.writer(handle, workspaceId);
        return (customerId, event) -> {
            if (event instanceof ConversationRead read) {
                writer.write(WebhookOutbox.CONVERSATION_READ, read.occurredAt(), Map.of("customerId", customerId,
                        "conversationId", read.conversationId(), "readAt", read.occurredAt().toString()));
            } else if (event instanceof TicketRead read) {
                writer.write(WebhookOutbox.TICKET_READ, read.occurredAt(), Map.of("customerId", customerId,
                        "ticketId", read.ticketId(), "readAt", read.occurredAt().toString()));
            }
        };
    }
}
