package dev.ticketspace.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Comparator;

/**
 * One line of {@code explain}: which rule made which decision about what. A decision made when something
 * happened also names the event and the time it stands for.
 */
public record Explanation(String decision, String subject, String rule,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String event,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Instant at) {
    /** The order explanations of decisions standing now are listed in. */
    public static final Comparator<Explanation> ORDER = Comparator.comparing(Explanation::decision)
            .thenComparing(Explanation::subject).thenComparing(Explanation::rule);

    public Explanation(String decision, String subject, String rule) {
        this(decision, subject, rule, null, null);
    }
}
