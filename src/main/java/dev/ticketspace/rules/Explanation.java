package dev.ticketspace.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of {@code explain}: which rule made which decision about what. A decision made when something
 * happened also names the event and the time it stands for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(String decision, String subject, String rule, String event, Instant at) {
    public Explanation(String decision, String subject, String rule) {
        this(decision, subject, rule, null, null);
    }
}
