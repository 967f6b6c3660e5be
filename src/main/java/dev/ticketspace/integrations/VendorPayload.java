package dev.ticketspace.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ticketspace.api.ApiException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A vendor's webhook body, read leniently: vendors send many fields Ticketspace does not use and add new
 * ones at will, so unlike the API's own bodies unknown fields are fine. Only what the mapping reads must
 * be there and of the right kind; anything else is a 400 {@code invalid_payload} naming the field.
 */
public final class VendorPayload {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        LENIENT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build());
    }

    /** Seconds since 1970 of the year 10000: no later time is storable. */
    private static final double LAST_SECOND = 253_402_300_800d;

    private final JsonNode root;

    private VendorPayload(JsonNode root) {
        this.root = root;
    }

    /** The body as a JSON object, or a 400 {@code invalid_json}. */
    public static VendorPayload parse(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : LENIENT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "the body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_payload", "the body must be a JSON object");
        }
        return new VendorPayload(root);
    }

    public JsonNode root() {
        return root;
    }

    /** The node at a dotted path (e.g. {@code event.comment}), missing if any step is. */
    public static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : path.split("\\.")) {
            current = current.path(step);
        }
        return current;
    }

    /** Text at the path, if it is there and is text (null and absent alike are empty). */
    public static Optional<String> text(JsonNode node, String path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(path, "must be text");
        }
        return Optional.of(value.asText());
    }

    public static String requiredText(JsonNode node, String path) {
        return text(node, path).orElseThrow(() -> invalid(path, "is missing"));
    }

    /** A vendor id at the path: text or a whole number, short and plain (see {@link VendorIds}). */
    public static Optional<String> id(JsonNode node, String path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        String id = value.isTextual() || value.isIntegralNumber() ? value.asText() : null;
        if (!VendorIds.isValid(id)) {
            throw invalid(path, "must be an id of 1 to 80 characters of A-Z a-z 0-9 . _ -");
        }
        return Optional.of(id);
    }

    public static String requiredId(JsonNode node, String path) {
        return id(node, path).orElseThrow(() -> invalid(path, "is missing"));
    }

    /** A boolean at the path; absent or null is the default. */
    public static boolean bool(JsonNode node, String path, boolean absent) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw invalid(path, "must be true or false");
        }
        return value.booleanValue();
    }

    /** A time at the path, to the millisecond: ISO-8601 text, or seconds since 1970 as a number. */
    public static Optional<Instant> time(JsonNode node, String path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        try {
            if (value.isTextual()) {
                return Optional.of(OffsetDateTime.parse(value.asText()).toInstant().truncatedTo(ChronoUnit.MILLIS));
            }
            // Bounded first: a number such as 1e300 must not become a BigDecimal of 300 digits.
            if (value.isNumber() && Double.isFinite(value.doubleValue())
                    && Math.abs(value.doubleValue()) < LAST_SECOND) {
                BigDecimal millis = BigDecimal.valueOf(value.doubleValue()).movePointRight(3);
                return Optional.of(Instant.ofEpochMilli(millis.setScale(0, RoundingMode.DOWN).longValueExact()));
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(path, "must be an ISO-8601 time or seconds since 1970");
        }
        throw invalid(path, "must be an ISO-8601 time or seconds since 1970");
    }

    public static ApiException invalid(String path, String problem) {
        return ApiException.badRequest("invalid_payload", path + " " + problem);
    }
}
