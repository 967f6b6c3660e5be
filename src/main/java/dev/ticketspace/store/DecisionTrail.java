package dev.ticketspace.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What stands behind a ticket's stored times: for each kind of decision made when something happened,
 * the rule that made the one that stands, the event it came from and its time. Stored with the ticket as
 * JSON, for {@code explain}.
 */
public final class DecisionTrail {
    public static final DecisionTrail EMPTY = new DecisionTrail(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() { };

    /** One decision: its name (e.g. {@code ticket_notification}), rule, event and time. */
    public record Entry(String decision, String rule, String event, Instant at) {
    }

    private final Map<String, Entry> entries;

    private DecisionTrail(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The trail with {@code entry} standing for its kind of decision. */
    public DecisionTrail with(Entry entry) {
        Map<String, Entry> copy = new TreeMap<>(entries);
        copy.put(entry.decision(), entry);
        return new DecisionTrail(copy);
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public String toJson() {
        if (entries.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(List.copyOf(entries.values()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DecisionTrail fromJson(String json) {
        if (json == null) {
            return EMPTY;
        }
        try {
            DecisionTrail trail = EMPTY;
            for (Entry entry : JSON.readValue(json, ENTRIES)) {
                trail = trail.with(entry);
            }
            return trail;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable decision trail: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecisionTrail trail && trail.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
