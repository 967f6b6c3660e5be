package dev.ticketspace.submissions;

import java.time.Instant;

/** A stored submission. */
public record SubmissionRow(String id, String customerId, String typeId, String title, String fields,
                            String ticketId, String conversationId, Instant createdAt) {
}
