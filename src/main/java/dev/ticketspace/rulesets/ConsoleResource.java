package dev.ticketspace.rulesets;

import dev.ticketspace.web.StaticAsset;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /console/}: the rules console, a page and its bundled script and style. The page holds no
 * data: it logs the editor in and calls {@code /api/v1/rules} from the browser.
 */
@Path("/console")
public final class ConsoleResource {
    private static final int MAX_AGE_SECONDS = 60;

    private final StaticAsset page = new StaticAsset("/console/index.html", MediaType.TEXT_HTML + "; charset=utf-8",
            MAX_AGE_SECONDS);
    private final StaticAsset script = new StaticAsset("/console/console.js", "text/javascript; charset=utf-8",
            MAX_AGE_SECONDS);
    private final StaticAsset style = new StaticAsset("/console/console.css", "text/css; charset=utf-8",
            MAX_AGE_SECONDS);

    /** The page, at {@code /console/}: its script and style are named relative to it. */
    @GET
    public Response page(@Context Request request, @Context UriInfo uri) {
        if (!uri.getPath().endsWith("/")) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(uri.getRequestUriBuilder()
                    .replacePath(uri.getRequestUri().getPath() + "/").replaceQuery(null).build()).build();
        }
        return withPageHeaders(page.serve(request));
    }

    @GET
    @Path("console.js")
    public Response script(@Context Request request) {
        return script.serve(request);
    }

    @GET
    @Path("console.css")
    public Response style(@Context Request request) {
        return style.serve(request);
    }

    /**
     * The page runs only its own script, and is never framed by another site. Styles may be inline:
     * the editor adds its own style elements.
     */
    private static Response withPageHeaders(Response response) {
        return Response.fromResponse(response)
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .build();
    }
}
