package dev.ticketspace.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.ticketspace.api.openapi.ApiDocument;
import dev.ticketspace.api.openapi.OpenApiResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The API's contract: its OpenAPI document ({@code GET /api/v1/openapi.json}, fetched once per test JVM from
 * the first running application a check is made for), against which the shared HTTP helpers check every
 * response a test receives, so that the document cannot drift from what the service answers. The rules:
 * <ol>
 * <li>A request to a documented path and method (an operation) gets a status the operation lists, or else
 *     its {@code default}. That response's Content-Type is one it documents, and its body satisfies that
 *     media type's schema; a response documented without content has no body. For
 *     {@code text/event-stream} only the content type is checked.</li>
 * <li>Any other request, such as the hostile paths of fuzzers (an undocumented path or method): when its
 *     answer is JSON, it is the documented error, {@code ApiError}, under {@code /api/v1}, and for any error
 *     status elsewhere.</li>
 * </ol>
 * A path is matched as the server matches it: percent-decoded, without matrix parameters and empty or
 * {@code .} segments, {@code ..} resolved, with or without a trailing slash; a template segment matches any
 * segment, a literal one wins over it. HEAD is checked as GET without a body; a response whose body was
 * not read (a stream), by status and content type. Each schema is compiled once.
 * A violation throws {@link AssertionError} naming the request, the status and the schema's errors: the
 * test that received the response fails.
 */
public final class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the schemas find the document: only a name, nothing is fetched from it. */
    private static final String DOCUMENT = "https://ticketspace.test/openapi.json";
    private static final String ERROR_SCHEMA = "#/components/schemas/ApiError";
    private static final String EVENT_STREAM = "text/event-stream";
    private static volatile ApiContract contract;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private ApiContract(String json) {
        try {
            document = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOCUMENT, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        document.path("paths").fieldNames().forEachRemaining(path -> routes.add(new Route(path)));
    }

    /** The contract, fetched from the application at {@code base} (e.g. {@code http://localhost:8080}) if not yet. */
    public static ApiContract of(String base) {
        ApiContract known = contract;
        if (known == null) {
            synchronized (ApiContract.class) {
                if (contract == null) {
                    contract = new ApiContract(fetch(base));
                }
                known = contract;
            }
        }
        return known;
    }

    /** The OpenAPI document. */
    public JsonNode document() {
        return document;
    }

    /**
     * Checks a response of the application at {@code base}; {@code body} null when it was not read.
     *
     * @throws AssertionError when it breaks the contract
     */
    public static void check(String base, String method, String pathAndQuery, int status, String contentType,
                             byte[] body) {
        of(base).verify(method, pathAndQuery, status, contentType, body);
    }

    /** Checks a response of {@link HttpClient} (a String or byte[] body is checked too) and returns it. */
    public static <T> HttpResponse<T> checked(HttpResponse<T> response) {
        URI uri = response.request().uri();
        byte[] body = response.body() instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : response.body() instanceof byte[] bytes ? bytes : null;
        check(uri.getScheme() + "://" + uri.getRawAuthority(), response.request().method(),
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), body);
        return response;
    }

    /** As {@link #check}, on this contract. */
    public void verify(String method, String pathAndQuery, int status, String contentType, byte[] body) {
        String path = pathAndQuery.replaceFirst("[?#].*$", "");
        String what = method + " " + shown(pathAndQuery) + " -> " + status + " " + contentType;
        boolean head = method.equalsIgnoreCase("HEAD");
        Optional<Route> route = route(path);
        JsonNode operation = route.map(r -> document.path("paths").path(r.template())
                .path(head ? "get" : method.toLowerCase(Locale.ROOT))).orElse(null);
        String mediaType = contentType == null ? null
                : contentType.replaceFirst(";.*$", "").strip().toLowerCase(Locale.ROOT);
        if (operation == null || operation.isMissingNode()) {
            boolean covered = path.startsWith(ApiDocument.PREFIX + "/") || status >= 400;
            if (covered && isJson(mediaType) && body != null && !head) {
                validate(what + " (no such operation in the document: an error)", ERROR_SCHEMA, body);
            }
            return;
        }
        String pointer = "/paths/" + escape(route.get().template()) + "/" + (head ? "get" : method.toLowerCase(Locale.ROOT));
        JsonNode responses = operation.path("responses");
        String key = responses.has(String.valueOf(status)) ? String.valueOf(status)
                : responses.has(status / 100 + "XX") ? status / 100 + "XX"
                : responses.has("default") ? "default" : null;
        if (key == null) {
            throw violation(what, "status " + status + " is not documented for " + method + " "
                    + route.get().template() + " (documented: " + names(responses) + ")", body);
        }
        pointer += "/responses/" + escape(key);
        JsonNode response = responses.path(key);
        while (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            if (body != null && body.length > 0 && !head) {
                throw violation(what, "response " + key + " is documented without a body", body);
            }
            return;
        }
        String documented = mediaType == null ? null : mediaTypeKey(content, mediaType);
        if (documented == null) {
            throw violation(what, "response " + key + " is documented as " + names(content) + ", not "
                    + contentType, body);
        }
        if (mediaType.equals(EVENT_STREAM) || body == null || head || !isJson(mediaType)) {
            return;
        }
        JsonNode schema = content.path(documented).path("schema");
        String location = schema.has("$ref") && schema.size() == 1 ? schema.get("$ref").asText()
                : "#" + pointer + "/content/" + escape(documented) + "/schema";
        validate(what + " (" + location + ")", location, body);
    }

    private void validate(String what, String location, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw violation(what, "the body is not JSON: " + e.getMessage(), body);
        }
        if (json == null || json.isMissingNode()) {
            throw violation(what, "the body is empty", body);
        }
        Schema schema = compiled.computeIfAbsent(location, l -> registry.getSchema(SchemaLocation.of(DOCUMENT + l)));
        List<Error> errors = schema.validate(json);
        if (!errors.isEmpty()) {
            throw violation(what, errors.stream().map(Error::toString).collect(Collectors.joining("; ")), body);
        }
    }

    private Optional<Route> route(String rawPath) {
        List<String> segments = segments(rawPath);
        return routes.stream().filter(route -> route.matches(segments))
                .min(Comparator.comparingInt(Route::templateSegments));
    }

    /** The path as the server matches it. */
    private static List<String> segments(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : rawPath.split("/")) {
            String segment = decoded(raw.replaceFirst(";.*$", ""));
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return List.copyOf(segments);
    }

    private static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    private static String mediaTypeKey(JsonNode content, String mediaType) {
        for (Iterator<String> keys = content.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            String type = key.toLowerCase(Locale.ROOT);
            if (type.equals(mediaType) || type.equals("*/*")
                    || type.endsWith("/*") && mediaType.startsWith(type.substring(0, type.length() - 1))) {
                return key;
            }
        }
        return null;
    }

    private static boolean isJson(String mediaType) {
        return mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json"));
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String shown(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static AssertionError violation(String what, String problem, byte[] body) {
        String text = body == null ? "(not read)" : new String(body, StandardCharsets.UTF_8);
        return new AssertionError("the response breaks the API contract: " + what + ": " + problem + "; body: "
                + shown(text));
    }

    private static String fetch(String base) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + OpenApiResource.PATH))
                .timeout(Duration.ofSeconds(60)).build();
        try {
            // An application under test may be overloaded on purpose (503 overloaded): try a few times.
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                if (attempt == 20) {
                    throw new AssertionError("GET " + OpenApiResource.PATH + " answers " + response.statusCode());
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + OpenApiResource.PATH + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A documented path: its segments, a {@code {name}} one matching any. */
    private record Route(String template, List<String> parts) {
        Route(String template) {
            this(template, segments(template));
        }

        boolean matches(List<String> segments) {
            if (segments.size() != parts.size()) {
                return false;
            }
            for (int i = 0; i < parts.size(); i++) {
                if (!isTemplate(parts.get(i)) && !parts.get(i).equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        int templateSegments() {
            return (int) parts.stream().filter(Route::isTemplate).count();
        }

        private static boolean isTemplate(String part) {
            return part.startsWith("{") && part.endsWith("}");
        }
    }
}
