package dev.ticketspace.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketspace.events.EventResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer to a vendor's delivery: {@code applied} with what became of each event it was mapped to,
 * {@code duplicate} when every one of them was applied before (a retried or replayed delivery), or
 * {@code ignored} with the reason when the mapping does not use it.
 */
public record DeliveryResult(@Schema(allowableValues = {"applied", "duplicate", "ignored"}) String status,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                             List<EventResult> results) {
    static DeliveryResult ignored(String reason) {
        return new DeliveryResult("ignored", reason, List.of());
    }

    static DeliveryResult of(List<EventResult> results) {
        boolean replayed = results.stream().allMatch(result -> result.status().equals("duplicate"));
        return new DeliveryResult(replayed ? "duplicate" : "applied", null, results);
    }
}
