package dev.ticketspace.integrations;

import dev.ticketspace.events.TicketState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor's status values and the ticket state each stands for: the adapter's defaults, overridden
 * status by status from the workspace's configuration. Statuses are matched without regard to case.
 */
public final class StatusMapping {
    private final Map<String, TicketState> states = new LinkedHashMap<>();

    public StatusMapping(Map<String, TicketState> defaults, Map<String, TicketState> overrides) {
        defaults.forEach((status, state) -> states.put(key(status), state));
        if (overrides != null) {
            overrides.forEach((status, state) -> states.put(key(status), state));
        }
    }

    /** The state for the status, or empty when the status is not one the mapping knows. */
    public Optional<TicketState> stateOf(String status) {
        return status == null ? Optional.empty() : Optional.ofNullable(states.get(key(status)));
    }

    public Map<String, TicketState> all() {
        return Map.copyOf(states);
    }

    private static String key(String status) {
        return status.strip().toLowerCase(Locale.ROOT);
    }
}
