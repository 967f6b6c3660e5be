package dev.ticketspace.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Where the DRL files live, whether to watch them, and the values rules read from the settings fact. */
public record RulesConfig(
        @NotBlank String directory,
        boolean watch,
        @NotNull @Valid RecentTickets recentTickets) {

    public RulesConfig {
        if (directory == null) {
            directory = "rules";
        }
        if (recentTickets == null) {
            recentTickets = new RecentTickets(3);
        }
    }

    public RulesConfig() {
        this(null, false, null);
    }

    /** {@code recentTickets.limit}: how many tickets the Recent tickets card shows at most. */
    public record RecentTickets(@Min(1) @Max(50) int limit) {
    }
}
