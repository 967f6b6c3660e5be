package dev.ticketspace.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a refused request must get back: a 4xx (never a 5xx) with a JSON {@code {"code", "message"}}
 * body, the code snake_case, the message readable, and no Java class name or stack trace in it.
 */
public final class Refusals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("[a-z]+(_[a-z]+)*");
    /** A qualified Java name (java.lang..., org.eclipse...), an exception's name or a stack frame. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|com|org|io|dev|sun|jdk)\\.[a-z]\\w*\\.|Exception\\b|Error:|\\tat |\\bat [\\w.$]+\\(");

    private Refusals() {
    }

    /**
     * The given status with a proper error body whose code is {@code code} or one of {@code orCodes}: a
     * refusal is only right for the reason the caller names.
     */
    public static JsonNode assertRefused(RawHttp.Response response, int status, String context, String code,
                                         String... orCodes) {
        return assertRefused(response, List.of(status), context, code, orCodes);
    }

    /** One of the statuses, with a proper error body whose code is {@code code} or one of {@code orCodes}. */
    public static JsonNode assertRefused(RawHttp.Response response, List<Integer> statuses, String context,
                                         String code, String... orCodes) {
        return assertRefused(response, statuses, context, codes(code, orCodes));
    }

    /** One of the statuses, with a proper error body whose code is one of {@code codes} (at least one). */
    public static JsonNode assertRefused(RawHttp.Response response, List<Integer> statuses, String context,
                                         List<String> codes) {
        assertThat(response.contentType()).as("Content-Type of the error, %s: %s", context, response)
                .isNotNull().startsWith("application/json");
        return assertRefused(response.reply(), statuses, context + ": " + response, codes);
    }

    public static JsonNode assertRefused(Api.Reply reply, int status, String context, String code, String... orCodes) {
        return assertRefused(reply, List.of(status), context + ": " + reply, codes(code, orCodes));
    }

    private static JsonNode assertRefused(Api.Reply reply, List<Integer> statuses, String context, List<String> codes) {
        assertThat(codes).as("the codes a refusal may give, %s", context).isNotEmpty();
        JsonNode error = errorBody(reply, context);
        assertThat(reply.status()).as("status, %s", context).isIn(statuses);
        assertThat(error.get("code").asText()).as("code, %s", context).isIn(codes);
        return error;
    }

    /** The code and the others, as one list. */
    public static List<String> codes(String code, String... orCodes) {
        List<String> codes = new ArrayList<>(List.of(orCodes));
        codes.add(0, code);
        return codes;
    }

    /** A 4xx with a proper error body; answers the body. */
    private static JsonNode errorBody(Api.Reply reply, String context) {
        assertThat(reply.status()).as("status, %s: %s", context, reply).isBetween(400, 499);
        JsonNode error;
        try {
            error = JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new AssertionError(context + ": the error body is not JSON: " + reply, e);
        }
        assertThat(error).as("error body, %s: %s", context, reply).isNotNull();
        assertThat(error.isObject()).as("error body is an object, %s: %s", context, reply).isTrue();
        assertThat(error.fieldNames()).toIterable().as("error fields, %s: %s", context, reply)
                .containsExactlyInAnyOrder("code", "message");
        assertThat(error.get("code").isTextual() && CODE.matcher(error.get("code").asText()).matches())
                .as("a snake_case code, %s: %s", context, reply).isTrue();
        assertThat(error.get("message").isTextual()).as("a text message, %s: %s", context, reply).isTrue();
        assertThat(error.get("message").asText()).as("message, %s: %s", context, reply).isNotBlank();
        assertThat(JAVA_INTERNALS.matcher(reply.body()).find())
                .as("Java internals in the body, %s: %s", context, reply).isFalse();
        return error;
    }
}
