package dev.ticketspace.scenarios;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ticketspace.api.JsonExceptionMapper;
import dev.ticketspace.events.Event;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario files: YAML, one scenario per document ({@code ---} between several). Events have the
 * shapes of the events API, with {@code id} optional, {@code customerId} defaulting to the scenario's
 * customer, and {@code occurredAt} absolute or relative to the scenario's start ({@code +5m}, {@code +2h}).
 * A mistake is reported with the file and line it is on.
 */
public final class ScenarioParser {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern RELATIVE = Pattern.compile("\\+(\\d+)([smhd])");
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "customer", "settings", "steps");
    private static final Set<String> SETTINGS_KEYS = Set.of("homeApps", "recentTicketsLimit");
    private static final Set<String> STEP_KEYS = Set.of("at", "settings", "events", "read", "expect");
    private static final Set<String> STEP_SETTINGS_KEYS = Set.of("homeApps");
    private static final Set<String> EXPECT_KEYS = Set.of("spaces", "card", "tickets", "pages", "conversations",
            "settings", "explain", "notExplained", "version", "results", "read");

    private final ObjectMapper json;
    private final Validator validator;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** @param json the service's object mapper, so events are read exactly as the API reads them */
    public ScenarioParser(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public List<Scenario> parse(Path file) {
        List<Scenario> scenarios = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            Lines lines = new Lines(file);
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && document.isObject()) {
                    scenarios.add(scenario(file, lines.of(document, "name"), document, lines));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioFormatException(file + ":" + (at == null ? 1 : at.getLineNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioFormatException(file + ":1: cannot read: " + e.getMessage());
        } catch (RuntimeJsonMappingException e) {
            throw new ScenarioFormatException(file + ":1: " + e.getMessage());
        }
        return scenarios;
    }

    private Scenario scenario(Path file, int line, JsonNode document, Lines lines) {
        String where = file + ":" + line;
        onlyKeys(document, SCENARIO_KEYS, where);
        String name = required(document, "name", where).asText();
        String customer = document.path("customer").asText("c1");
        JsonNode settings = document.path("settings");
        onlyKeys(settings, SETTINGS_KEYS, where + " (settings)");
        List<String> homeApps = homeApps(settings);
        Integer limit = settings.has("recentTicketsLimit") ? settings.get("recentTicketsLimit").asInt() : null;
        List<Scenario.Step> steps = new ArrayList<>();
        for (JsonNode step : required(document, "steps", where)) {
            int stepLine = lines.ofItem(step, "at", "settings", "events", "read", "expect");
            String stepWhere = file + ":" + stepLine;
            onlyKeys(step, STEP_KEYS, stepWhere);
            onlyKeys(step.path("settings"), STEP_SETTINGS_KEYS, stepWhere + " (settings)");
            onlyKeys(step.path("expect"), EXPECT_KEYS, stepWhere + " (expect)");
            if (step.path("expect").has("pages") && !step.get("expect").get("pages").path("limit").canConvertToInt()) {
                throw new ScenarioFormatException(stepWhere + ": 'pages' needs a 'limit', e.g. {limit: 2, tickets: [[t2, t1]]}");
            }
            List<Event> events = new ArrayList<>();
            for (JsonNode event : step.path("events")) {
                events.add(event(event, customer, file + ":" + lines.of(event, "type", "id"), steps.size(), events.size()));
            }
            JsonNode read = step.path("read");
            Instant at = step.has("at") ? time(step.get("at").asText(), stepWhere) : null;
            steps.add(new Scenario.Step(stepLine, at, homeApps(step.path("settings")), events,
                    read.path("conversation").asText(null), read.path("ticket").asText(null), step.get("expect")));
        }
        return new Scenario(file, line, name, customer, homeApps, limit, steps);
    }

    /** The {@code homeApps} of a settings block, or null when it has none. */
    private static List<String> homeApps(JsonNode settings) {
        if (!settings.has("homeApps")) {
            return null;
        }
        List<String> apps = new ArrayList<>();
        settings.get("homeApps").forEach(app -> apps.add(app.asText()));
        return apps;
    }

    private Event event(JsonNode node, String customer, String where, int step, int index) {
        if (!node.isObject()) {
            throw new ScenarioFormatException(where + ": an event is a mapping of its fields");
        }
        ObjectNode event = ((ObjectNode) node).deepCopy();
        if (!event.has("id")) {
            event.put("id", "scenario-" + step + "-" + index);
        }
        String type = event.path("type").asText();
        if (!event.has("customerId") && (type.equals("ticket.created") || type.equals("conversation.created"))) {
            event.put("customerId", customer);
        }
        if (event.has("occurredAt")) {
            event.put("occurredAt", time(event.get("occurredAt").asText(), where).toString());
        }
        Event parsed;
        try {
            parsed = json.treeToValue(event, Event.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioFormatException(where + ": " + JsonExceptionMapper.toError(e).message());
        }
        for (ConstraintViolation<Event> violation : validator.validate(parsed)) {
            throw new ScenarioFormatException(where + ": " + violation.getPropertyPath() + " " + violation.getMessage());
        }
        return parsed;
    }

    /** {@code +90s}, {@code +5m}, {@code +2h}, {@code +1d} after the scenario's start, or an ISO-8601 instant. */
    static Instant time(String text, String where) {
        Matcher relative = RELATIVE.matcher(text.trim());
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration unit = Map.of("s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1),
                    "h", Duration.ofHours(1), "d", Duration.ofDays(1)).get(relative.group(2));
            return START.plus(unit.multipliedBy(amount));
        }
        try {
            return Instant.parse(text.trim());
        } catch (RuntimeException e) {
            throw new ScenarioFormatException(where + ": '" + text + "' is neither a time like +5m nor ISO-8601");
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        if (!node.hasNonNull(field)) {
            throw new ScenarioFormatException(where + ": '" + field + "' is required");
        }
        return node.get(field);
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new ScenarioFormatException(where + ": unknown key '" + field + "' (expected one of " + allowed + ")");
            }
        });
    }

    /**
     * Finds the line of a node in the file: the tree keeps no positions, so search for a line that holds
     * one of its keys with that key's value, from where the previous search ended.
     */
    private static final class Lines {
        private final List<String> text;
        private int from;

        Lines(Path file) throws IOException {
            this.text = Files.readAllLines(file);
        }

        int of(JsonNode node, String... keys) {
            return find(node, "(-\\s*)?", keys);
        }

        /** The line of a node that is an item of a list: its first key follows the item's dash. */
        int ofItem(JsonNode node, String... keys) {
            return find(node, "-\\s*", keys);
        }

        private int find(JsonNode node, String before, String... keys) {
            for (int i = from; i < text.size(); i++) {
                String line = text.get(i);
                for (String key : keys) {
                    JsonNode value = node.get(key);
                    if (value != null && line.matches("\\s*" + before + "\\{?\\s*" + Pattern.quote(key) + "\\s*:.*")
                            && (!value.isValueNode() || line.contains(value.asText()))) {
                        from = i + 1;
                        return i + 1;
                    }
                }
            }
            return from == 0 ? 1 : from;
        }
    }
}
