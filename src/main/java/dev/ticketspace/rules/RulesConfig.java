package dev.ticketspace.rules;

import dev.ticketspace.auth.Editor;
import dev.ticketspace.rulesets.CheckConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Where the DRL files live (the rules of a first start, and of {@code reload-rules} and {@code watch} in
 * development), whether to watch them, the values rules read from the settings fact, who may edit the
 * rules ({@code editors}) and how their drafts are checked ({@code check}).
 */
public record RulesConfig(
        @NotBlank String directory,
        boolean watch,
        @NotNull @Valid RecentTickets recentTickets,
        @NotNull @Valid List<Editor> editors,
        @NotNull @Valid CheckConfig check) {

    public RulesConfig {
        if (directory == null) {
            directory = "rules";
        }
        if (recentTickets == null) {
            recentTickets = new RecentTickets(3);
        }
        editors = editors == null ? List.of() : List.copyOf(editors);
        check = check == null ? new CheckConfig() : check;
    }

    public RulesConfig() {
        this(null, false, null, null, null);
    }

    /** {@code recentTickets.limit}: how many tickets the Recent tickets card shows at most. */
    public record RecentTickets(@Min(1) @Max(50) int limit) {
    }
}
