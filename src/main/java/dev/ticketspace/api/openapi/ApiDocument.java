package dev.ticketspace.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ticketspace.api.ApiError;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.ws.rs.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of the resources under {@code /api/v1}, made by swagger-core's reader from their
 * JAX-RS and Bean Validation annotations and the records they take and answer (with
 * {@link OperationConventions} and {@link RecordSchemas}), plus what no resource says: the credentials and
 * the shared error responses.
 */
public final class ApiDocument {
    public static final String PREFIX = "/api/v1";
    public static final String API_KEY = "apiKey";
    public static final String CUSTOMER_TOKEN = "customerToken";
    public static final String STREAM_TICKET = "streamTicket";
    public static final String EDITOR = "ruleEditor";
    static final String ERROR_SCHEMA = "#/components/schemas/ApiError";
    static final String BAD_REQUEST = "#/components/responses/BadRequest";
    static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
    static final String FORBIDDEN = "#/components/responses/Forbidden";
    static final String TOO_LARGE = "#/components/responses/BodyTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";
    static final String UNAVAILABLE = "#/components/responses/Unavailable";
    static final String ERROR = "#/components/responses/Error";

    private ApiDocument() {
    }

    /** The document, as JSON, of those of the given resource classes whose path is under {@code /api/v1}. */
    public static String of(Collection<Class<?>> resources) {
        Set<Class<?>> api = new LinkedHashSet<>();
        resources.stream().filter(ApiDocument::isApi).forEach(api::add);
        OpenAPI base = new OpenAPI(SpecVersion.V31)
                .info(new Info().title("Ticketspace API").version("v1").description("""
                        The notification state of a support Messenger's Tickets space: help desks post what \
                        happens to tickets and conversations (back office), messenger clients fetch one \
                        customer's state and mark what they read (messenger). Every error has the ApiError \
                        body: a snake_case `code` for programs and a `message` for people."""))
                .tags(List.of(
                        new Tag().name("Back office").description("For the help desk's servers, with the "
                                + "workspace's API key: events in, settings, ticket types, webhooks, a customer's "
                                + "state as the rules decided it."),
                        new Tag().name("Messenger").description("For messenger clients (the web widget, apps), "
                                + "as one customer with a customer token: the state, lists, read marks, "
                                + "submissions, the live stream. Browsers on a workspace's `allowedOrigins` "
                                + "may call it (CORS)."),
                        new Tag().name("Rules").description("For rule editors (`rules.editors`), with HTTP "
                                + "Basic: rule set versions, their checks, impact previews, publication and "
                                + "rollback, history and audit."),
                        new Tag().name("Help desks").description("Help desks' own webhooks, authenticated by "
                                + "the vendor's signature over the raw body."),
                        new Tag().name("Document").description("This document.")))
                .components(components());
        OpenAPI document = new Reader(new SwaggerConfiguration().openAPI(base).openAPI31(true)
                .defaultResponseCode("200").sortOutput(true)).read(api);
        // Added after the reader, which copies what it is given through the JSON of OpenAPI 3.0, losing 3.1's types.
        ModelConverters.getInstance(true).readAll(ApiError.class).forEach(document.getComponents()::addSchemas);
        try {
            return Json31.mapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI document is always JSON", e);
        }
    }

    private static boolean isApi(Class<?> type) {
        Path path = type.getAnnotation(Path.class);
        return path != null && (path.value() + "/").startsWith(PREFIX + "/");
    }

    private static Components components() {
        return new Components()
                .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The back office: the workspace's API key (`workspaces[].apiKey`). A wrong "
                                + "key is 401; another workspace's key is 403."))
                .addSecuritySchemes(CUSTOMER_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("A messenger client, for one customer: an HS256 JWT signed with the "
                                + "workspace's `messengerSecret`, with `sub` (the customer id), `ws` (the "
                                + "workspace id) and `exp`."))
                .addSecuritySchemes(EDITOR, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A rule editor of `rules.editors`: name and password. Editors reach "
                                + "/api/v1/rules only, and nothing else does."))
                .addSecuritySchemes(STREAM_TICKET, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.QUERY).name("ticket")
                        .description("The live stream only, for browsers' EventSource, which cannot send a "
                                + "token: a single-use ticket from POST /api/v1/messenger/stream-tickets, good "
                                + "for 60 s."))
                .addResponses(name(BAD_REQUEST), error("The request is refused: `code` says why, e.g. "
                        + "`invalid_json`, `invalid_field`, `missing_field`, `invalid_id`, `credentials_in_url` "
                        + "(a query parameter named like a credential, on every endpoint)."))
                .addResponses(name(UNAUTHORIZED), error("The credential is missing or wrong."))
                .addResponses(name(FORBIDDEN), error("The credential does not reach this: another workspace's "
                        + "API key (`forbidden`), or a page of an origin the workspace does not list "
                        + "(`origin_not_allowed`)."))
                .addResponses(name(TOO_LARGE), error("The body is over 1 MiB (`body_too_large`)."))
                .addResponses(name(UNSUPPORTED_MEDIA_TYPE), error("The body is not JSON "
                        + "(`unsupported_media_type`)."))
                .addResponses(name(UNAVAILABLE), error("Try again shortly, as it is: the service is handling too "
                        + "many requests (`overloaded`, with `Retry-After`) or its database is unavailable "
                        + "(`database_unavailable`)."))
                .addResponses(name(ERROR), error("Any other error, with the same body."));
    }

    private static String name(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                new MediaType().schema(new Schema<>().$ref(ERROR_SCHEMA))));
    }
}
