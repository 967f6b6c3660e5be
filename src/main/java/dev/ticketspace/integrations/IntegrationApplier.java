package dev.ticketspace.integrations;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.events.Event;
import dev.ticketspace.events.EventApplier;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;

/**
 * Applies what a delivery was mapped to through the same applier as the events API, after the same
 * validation the API gives posted events: a vendor value that makes no valid event (a time past what the
 * database stores, say) is a 400 and nothing is applied.
 */
public final class IntegrationApplier {
    private final EventApplier applier;
    private final Validator validator;

    public IntegrationApplier(EventApplier applier, Validator validator) {
        this.applier = applier;
        this.validator = validator;
    }

    public DeliveryResult apply(String workspaceId, Mapping mapping) {
        if (mapping.events().isEmpty()) {
            return DeliveryResult.ignored(mapping.ignoredBecause());
        }
        for (Event event : mapping.events()) {
            Set<ConstraintViolation<Event>> violations = validator.validate(event);
            violations.stream().min(Comparator.comparing(v -> v.getPropertyPath().toString())).ifPresent(v -> {
                throw ApiException.badRequest("invalid_payload", "the delivery makes an invalid " + event.type()
                        + " event: " + v.getPropertyPath() + " " + v.getMessage());
            });
        }
        return DeliveryResult.of(applier.applyAll(workspaceId, mapping.events()));
    }
}
