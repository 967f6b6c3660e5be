package dev.ticketspace.api.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import dev.ticketspace.auth.BackOfficeCaller;
import dev.ticketspace.auth.CustomerCaller;
import dev.ticketspace.auth.EditorCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What swagger-core cannot see in the resources, the same for every operation:
 * <ul>
 * <li>a parameter annotated {@code @Auth} is the caller, not the request body, and its type says which
 *     credential the operation takes ({@link ApiDocument#API_KEY}, {@link ApiDocument#CUSTOMER_TOKEN} or {@link ApiDocument#EDITOR});</li>
 * <li>every error has the {@code ApiError} body: the refusals every operation may answer (a credential in
 *     the URL, a missing or wrong credential, a body too large, an overload) and any other error
 *     ({@code default}) refer to the document's shared responses, and an error a method declares with
 *     {@code @ApiResponse} alone gets that body;</li>
 * <li>the operation's id is its resource's name and its method's, e.g. {@code webhooksRetry}.</li>
 * </ul>
 * Registered for swagger-core by {@code META-INF/services}.
 */
public final class OperationConventions extends AbstractOpenAPIExtension {
    private static final Map<Class<?>, String> SCHEMES = Map.of(
            BackOfficeCaller.class, ApiDocument.API_KEY,
            CustomerCaller.class, ApiDocument.CUSTOMER_TOKEN,
            EditorCaller.class, ApiDocument.EDITOR);

    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes,
                                               Consumes methodConsumes, boolean includeRequestBody,
                                               JsonView jsonViewAnnotation, Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(Auth.class::isInstance)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }

    @Override
    public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
        String resource = method.getDeclaringClass().getSimpleName().replaceFirst("Resource$", "");
        operation.setOperationId(Character.toLowerCase(resource.charAt(0)) + resource.substring(1)
                + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
        if (operation.getParameters() != null) {
            operation.getParameters().stream().map(Parameter::getSchema).forEach(Patterns::anchor);
        }
        ApiResponses responses = operation.getResponses();
        responses.forEach((status, response) -> {
            if (isError(status) && response.get$ref() == null && response.getContent() == null) {
                response.setContent(new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                        new MediaType().schema(new Schema<>().$ref(ApiDocument.ERROR_SCHEMA))));
            }
        });
        Optional<String> scheme = caller(method).map(SCHEMES::get);
        if (scheme.isPresent() && operation.getSecurity() == null) {
            operation.addSecurityItem(new SecurityRequirement().addList(scheme.get()));
        }
        add(responses, "400", ApiDocument.BAD_REQUEST);
        if (scheme.isPresent()) {
            add(responses, "401", ApiDocument.UNAUTHORIZED);
            add(responses, "403", ApiDocument.FORBIDDEN);
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", ApiDocument.TOO_LARGE);
            add(responses, "415", ApiDocument.UNSUPPORTED_MEDIA_TYPE);
        }
        add(responses, "503", ApiDocument.UNAVAILABLE);
        add(responses, ApiResponses.DEFAULT, ApiDocument.ERROR);
        super.decorateOperation(operation, method, chain);
    }

    private static Optional<Class<?>> caller(Method method) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            if (Arrays.stream(annotations[i]).anyMatch(Auth.class::isInstance)) {
                return Optional.of(method.getParameterTypes()[i]);
            }
        }
        return Optional.empty();
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static void add(ApiResponses responses, String status, String shared) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref(shared));
        }
    }
}
