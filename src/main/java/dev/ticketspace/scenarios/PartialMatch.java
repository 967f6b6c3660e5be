package dev.ticketspace.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares an expectation with the actual state, checking only what the expectation writes: an object
 * checks just its keys; a list checks its length and each element; a value is compared as text. An
 * object may be written in its short form, a value: a ticket by its {@code id}, an event's result by
 * {@code status} or {@code "status: code"}.
 */
final class PartialMatch {
    private PartialMatch() {
    }

    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        return differences;
    }

    static boolean matches(JsonNode expected, JsonNode actual) {
        return differences(expected, actual).isEmpty();
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                differences.add(path + ": expected " + expected + ", got " + actual);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!actual.has(field.getKey())) {
                    differences.add(at + ": not part of the state (expected " + field.getValue() + ")");
                } else {
                    compare(at, field.getValue(), actual.get(field.getKey()), differences);
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                differences.add(path + ": expected " + expected + ", got " + shown(expected, actual));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (!expected.asText().equals(text(actual))) {
            differences.add(path + ": expected " + expected + ", got " + (actual.isObject() ? text(actual) : actual));
        }
    }

    /** A value as text; an object by its short form, or its JSON when it has none. */
    private static String text(JsonNode actual) {
        if (actual.isValueNode()) {
            return actual.asText();
        }
        if (actual.isObject() && actual.has("id")) {
            return actual.get("id").asText();
        }
        if (actual.isObject() && actual.has("status")) {
            JsonNode code = actual.path("code");
            return actual.get("status").asText() + (code.isTextual() ? ": " + code.asText() : "");
        }
        return actual.toString();
    }

    /** The actual list as the expectation writes it: in short forms when the expected elements are values. */
    private static JsonNode shown(JsonNode expected, JsonNode actual) {
        boolean shortForms = actual.isArray() && !actual.isEmpty();
        for (JsonNode element : expected) {
            shortForms &= element.isValueNode();
        }
        if (!shortForms) {
            return actual;
        }
        ArrayNode shown = JsonNodeFactory.instance.arrayNode();
        actual.forEach(element -> shown.add(element.isObject() ? JsonNodeFactory.instance.textNode(text(element)) : element));
        return shown;
    }
}
