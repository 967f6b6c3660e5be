package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.api.openapi.ApiDocument;
import dev.ticketspace.api.openapi.OpenApiResource;
import dev.ticketspace.auth.BackOfficeCaller;
import dev.ticketspace.auth.CustomerCaller;
import dev.ticketspace.auth.EditorCaller;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.RawHttp;
import io.dropwizard.auth.Auth;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.swagger.v3.oas.models.SpecVersion;
import jakarta.ws.rs.Path;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code GET /api/v1/openapi.json}: public JSON, valid OpenAPI 3.1, an operation for
 * every resource method the application registers under {@code /api/v1} with the credential it takes, and
 * a contract check ({@link ApiContract}) that refuses answers the document does not describe.
 */
class OpenApiDocumentTest {
    private static final Map<Class<?>, String> SCHEMES = Map.of(
            BackOfficeCaller.class, "apiKey",
            CustomerCaller.class, "customerToken",
            EditorCaller.class, "ruleEditor");

    private final Api api = Api.demo(Backend.H2);

    @Test
    void isPublicJson() {
        RawHttp.Response document = RawHttp.send(api, "GET", OpenApiResource.PATH, null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/json");
        assertThat(document.reply().json().path("openapi").asText()).isEqualTo("3.1.0");
        // No credential is asked for, and a wrong one does not stand in the way.
        assertThat(RawHttp.send(api, "GET", OpenApiResource.PATH, null, "Authorization", "Bearer wrong").status())
                .isEqualTo(200);
    }

    @Test
    void isValidOpenApi31() {
        String json = RawHttp.send(api, "GET", OpenApiResource.PATH, null).body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsOnlyKeys("apiKey",
                "customerToken", "streamTicket", "ruleEditor");
    }

    @Test
    void hasSchemasThatAreJsonSchema202012() {
        JsonNode schemas = ApiContract.of(api.base()).document().path("components").path("schemas");
        Schema metaSchema = SchemaRegistry.withDialect(Dialects.getDraft202012())
                .getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));

        List<String> problems = new ArrayList<>();
        schemas.fields().forEachRemaining(schema -> {
            for (Error error : metaSchema.validate(schema.getValue())) {
                problems.add(schema.getKey() + ": " + error);
            }
        });

        assertThat(schemas.size()).isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void describesEveryResourceMethodOfTheApplicationWithItsCredential() {
        JsonNode paths = ApiContract.of(api.base()).document().path("paths");
        Map<String, String> documented = new TreeMap<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                documented.put(operation.getKey().toUpperCase() + " " + path.getKey(), security(operation.getValue()))));

        Map<String, String> registered = new TreeMap<>();
        for (Class<?> resource : resourceClasses(api.app())) {
            collect(Resource.from(resource), "", registered);
        }

        assertThat(registered).containsKeys("POST /api/v1/workspaces/{ws}/events", "GET /api/v1/messenger/stream",
                "GET " + OpenApiResource.PATH);
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void givesEveryOperationASummaryATagAnAnswerAndErrorsTheErrorBody() {
        JsonNode document = ApiContract.of(api.base()).document();
        Set<String> tags = new HashSet<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        List<String> problems = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String operation = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = entry.getValue().path("responses");
            if (!entry.getValue().hasNonNull("summary")) {
                problems.add(operation + " has no summary");
            }
            if (entry.getValue().path("tags").size() != 1 || !tags.contains(entry.getValue().path("tags").get(0).asText())) {
                problems.add(operation + " is not under one of the document's tags");
            }
            if (!responses.has("default")) {
                problems.add(operation + " has no default response");
            }
            List<String> statuses = new ArrayList<>();
            responses.fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                problems.add(operation + " has no success response");
            }
            for (String status : statuses) {
                JsonNode response = responses.get(status);
                if (response.has("$ref")) {
                    response = document.at(response.get("$ref").asText().substring(1));
                }
                boolean error = status.equals("default") || status.startsWith("4") || status.startsWith("5");
                String schema = response.path("content").path("application/json").path("schema").path("$ref").asText();
                if (error && !schema.equals("#/components/schemas/ApiError")) {
                    problems.add(operation + " answers " + status + " without the ApiError body");
                }
            }
        }));

        assertThat(problems).isEmpty();
    }

    @Test
    void theContractRefusesAnswersTheDocumentDoesNotDescribe() {
        ApiContract contract = ApiContract.of(api.base());
        String state = api.state(Api.id("c")).body();
        String settings = "/api/v1/workspaces/demo/messenger/settings";

        contract.verify("GET", "/api/v1/messenger", 200, "application/json", bytes(state));
        contract.verify("GET", "/api/v1/nothing/here", 404, "application/json",
                bytes("{\"code\":\"not_found\",\"message\":\"no such resource\"}"));

        assertRefused(contract, "GET", "/api/v1/messenger", 200, "application/json",
                state.replaceFirst("\"badge\":0", "\"badge\":\"0\""), "badge");
        assertRefused(contract, "GET", "/api/v1/messenger", 200, "application/json",
                state.replaceFirst("\"version\":\\d+,", ""), "version");
        assertRefused(contract, "GET", "/api/v1/messenger", 200, "application/json",
                state.replaceFirst("\\{", "{\"surprise\":1,"), "surprise");
        assertRefused(contract, "GET", "/api/v1/messenger?limit=1", 200, "text/html", "<p>hi</p>", "text/html");
        assertRefused(contract, "GET", settings, 200, "application/json", "{\"homeApps\":[\"tickets\"]", "not JSON");
        assertRefused(contract, "GET", settings, 404, "application/json", "{\"error\":\"gone\"}", "code");
        assertRefused(contract, "DELETE", "/api/v1/workspaces/demo/ticket-types/bug", 204, null, "{}", "without a body");
        assertRefused(contract, "PUT", "/api/v1/workspaces/demo/ticket-types/bug", 202, "application/json", "{}", "code");
        // No such operation, as fuzzers ask: still the error body, also through escapes and matrix parameters.
        assertRefused(contract, "GET", "/api/v1/%2e%2e/secret", 200, "application/json", "{\"secret\":1}", "code");
        assertRefused(contract, "PATCH", "/api/v1/messenger;x=1/", 200, "application/json", state, "code");
        assertRefused(contract, "GET", "/api/v1/mess%65nger", 200, "application/json", "{}", "workspaceId");
    }

    private static void assertRefused(ApiContract contract, String method, String path, int status,
                                      String contentType, String body, String named) {
        assertThatThrownBy(() -> contract.verify(method, path, status, contentType, bytes(body)))
                .as("%s %s %d %s", method, path, status, body)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("breaks the API contract")
                .hasMessageContaining(method + " " + path)
                .hasMessageContaining(named);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String security(JsonNode operation) {
        Set<String> schemes = new TreeSet<>();
        operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
        return String.join(" ", schemes);
    }

    /** The application's resource classes under /api/v1, as Jersey has them. */
    private static Set<Class<?>> resourceClasses(DropwizardAppExtension<TicketspaceConfiguration> app) {
        Set<Class<?>> classes = new HashSet<>(app.getEnvironment().jersey().getResourceConfig().getClasses());
        app.getEnvironment().jersey().getResourceConfig().getSingletons().forEach(s -> classes.add(s.getClass()));
        classes.removeIf(type -> !type.isAnnotationPresent(Path.class) || !isApi(type.getAnnotation(Path.class).value()));
        return classes;
    }

    private static boolean isApi(String path) {
        return path != null && (path + "/").startsWith(ApiDocument.PREFIX + "/");
    }

    /** Each resource method as "METHOD /path" with the credential its @Auth parameter takes. */
    private static void collect(Resource resource, String parent, Map<String, String> into) {
        String path = (parent + "/" + resource.getPath()).replaceAll("/+", "/").replaceFirst("(.)/$", "$1");
        for (ResourceMethod method : resource.getResourceMethods()) {
            into.put(method.getHttpMethod() + " " + path, credential(method));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    private static String credential(ResourceMethod method) {
        Method java = method.getInvocable().getHandlingMethod();
        Class<?>[] types = java.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (Arrays.stream(java.getParameterAnnotations()[i]).anyMatch(Auth.class::isInstance)) {
                String scheme = SCHEMES.get(types[i]);
                // The live stream also opens with a stream ticket, for browsers' EventSource.
                return java.getName().equals("stream") ? scheme + " streamTicket" : scheme;
            }
        }
        return "";
    }
}
