package dev.ticketspace.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares an expectation with the actual state, checking only what the expectation writes: an object
 * checks just its keys; a list checks its length and each element; a value is compared as text.
 */
final class PartialMatch {
    private PartialMatch() {
    }

    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        return differences;
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
                differences.add(path + ": expected " + expected + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (!expected.asText().equals(actual.isValueNode() ? actual.asText() : actual.toString())) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }
}
