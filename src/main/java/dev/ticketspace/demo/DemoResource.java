package dev.ticketspace.demo;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.events.EventResults;
import dev.ticketspace.web.StaticAsset;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * The demo shop (registered only while {@code demo.enabled}): {@code GET /demo/} is a sample shop page with
 * the widget; its panel gets a token for a demo customer and posts back-office events without the API key.
 */
@Path("/demo")
public final class DemoResource {
    private static final int PAGE_MAX_AGE_SECONDS = 60;

    private final DemoShop shop;
    private final StaticAsset page = new StaticAsset("/demo/index.html", MediaType.TEXT_HTML + "; charset=utf-8",
            PAGE_MAX_AGE_SECONDS);

    public DemoResource(DemoShop shop) {
        this.shop = shop;
    }

    public record CustomerRequest(@NotNull String customer) {
    }

    public record EventRequest(@NotNull String customer, @NotNull String kind) {
    }

    @GET
    public Response page(@Context Request request) {
        return page.serve(request);
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timed
    public DemoShop.Token token(@NotNull @Valid CustomerRequest request) {
        return shop.token(request.customer());
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timed
    public EventResults events(@NotNull @Valid EventRequest request) {
        return new EventResults(shop.act(request.customer(), request.kind()));
    }
}
