package dev.ticketspace.widget;

import dev.ticketspace.web.StaticAsset;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** {@code GET /widget/ticketspace.js}: the reference messenger widget that host pages load. */
@Path("/widget")
public final class WidgetResource {
    public static final String SCRIPT_PATH = "/widget/ticketspace.js";
    static final String MEDIA_TYPE = "text/javascript; charset=utf-8";
    private static final int MAX_AGE_SECONDS = 300;

    private final StaticAsset script = new StaticAsset(SCRIPT_PATH, MEDIA_TYPE, MAX_AGE_SECONDS);

    @GET
    @Path("ticketspace.js")
    public Response script(@Context Request request) {
        return script.serve(request);
    }
}
