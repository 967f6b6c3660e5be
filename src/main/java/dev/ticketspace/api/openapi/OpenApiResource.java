package dev.ticketspace.api.openapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/openapi.json}: the API's {@link ApiDocument}, public. Made on its first request, from the
 * resources of the application this resource is part of, and kept.
 */
@Path(OpenApiResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Document")
public final class OpenApiResource {
    public static final String PATH = ApiDocument.PREFIX + "/openapi.json";

    private volatile String document;

    @GET
    @Operation(summary = "This OpenAPI 3.1 document of the API")
    @ApiResponse(responseCode = "200", description = "The document",
            content = @Content(schema = @Schema(types = "object")))
    public String document(@Context Application application) {
        String made = document;
        if (made == null) {
            List<Class<?>> resources = new ArrayList<>(application.getClasses());
            application.getSingletons().forEach(resource -> resources.add(resource.getClass()));
            made = ApiDocument.of(resources);
            document = made;
        }
        return made;
    }
}
