package dev.ticketspace.rulesets;

import com.codahale.metrics.annotation.Timed;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.auth.EditorCaller;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/rules}: rule editors make versions of the rule set (each checked on arrival), compare
 * them, publish one (publishing an earlier one is the rollback) and read the history. Every call is
 * audited ({@link RulesAuditFilter}).
 */
@Path("/api/v1/rules")
@Tag(name = "Rules")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RulesAuditFilter.Audited
public final class RulesResource {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final int DEFAULT_PREVIEW = 200;
    private static final int MAX_PREVIEW = 100_000;
    private static final int DEFAULT_PREVIEW_SECONDS = 30;
    private static final int MAX_PREVIEW_SECONDS = 300;

    private final RuleSets ruleSets;
    private final PublishedRules published;
    private final RulesAuditFilter audit;
    private final ImpactPreview previews;

    public RulesResource(RuleSets ruleSets, PublishedRules published, RulesAuditFilter audit, ImpactPreview previews) {
        this.ruleSets = ruleSets;
        this.published = published;
        this.audit = audit;
        this.previews = previews;
    }

    /** The versions, newest first: {@code ?limit=50&before=V} pages on. */
    @GET
    @Path("versions")
    @Timed
    @Operation(summary = "The rule set versions, newest first")
    public List<RulesApi.Summary> versions(@Auth EditorCaller editor, @QueryParam("before") String before,
                                           @QueryParam("limit") String limit) {
        int current = publishedVersion();
        return ruleSets.versions((int) Math.min(number("before", before, Integer.MAX_VALUE), Integer.MAX_VALUE), page(limit))
                .stream().map(v -> new RulesApi.Summary(v.version(), v.author(), v.message(), v.createdAt(), v.hash(),
                        v.version() == current, v.check() == null ? null : v.check().publishable()))
                .toList();
    }

    /** A draft: checked now (compiled, its scenarios run), stored as the next version: 201 with its check. */
    @POST
    @Path("versions")
    @Timed
    @Operation(summary = "Make a version from a draft, checked at once: compiled, its scenarios run")
    @ApiResponse(responseCode = "201", description = "The new version with its check", content = @Content(schema = @Schema(implementation = RulesApi.Detail.class)))
    @ApiResponse(responseCode = "400", description = "`invalid_rule_set` (a path or file not allowed), `rule_set_too_large`, or a body not of this shape")
    public Response create(@Auth EditorCaller editor, @NotNull @Valid RulesApi.Draft draft,
                           @Context ContainerRequestContext request) {
        RuleSetFiles files = RuleSetFiles.of(draft.allFiles());
        RuleSets.Version version = ruleSets.create(files, editor.name(), draft.message());
        RulesAuditFilter.version(request, version.version());
        return Response.created(URI.create("/api/v1/rules/versions/" + version.version()))
                .entity(RulesApi.Detail.of(version, false, files)).build();
    }

    @GET
    @Path("versions/{v}")
    @Timed
    @Operation(summary = "A version: its files and its check")
    @ApiResponse(responseCode = "200", description = "The version")
    @ApiResponse(responseCode = "404", description = "`version_not_found`")
    public RulesApi.Detail version(@Auth EditorCaller editor, @PathParam("v") int number) {
        RuleSets.Version version = ruleSets.version(number).orElseThrow(() -> RuleSets.notFound(number));
        return RulesApi.Detail.of(version, number == publishedVersion(), ruleSets.files(number));
    }

    /** What changed from version {@code a} to version {@code b}, file by file. */
    @GET
    @Path("versions/{a}/diff/{b}")
    @Timed
    @Operation(summary = "What changed from one version to another, file by file")
    @ApiResponse(responseCode = "200", description = "The files that differ, each as a unified diff")
    @ApiResponse(responseCode = "404", description = "`version_not_found`")
    public RulesApi.Diff diff(@Auth EditorCaller editor, @PathParam("a") int from, @PathParam("b") int to) {
        return new RulesApi.Diff(from, to, ruleSets.diff(from, to));
    }

    /** Publishes the version to every replica; 409 while its check does not pass. */
    @POST
    @Path("versions/{v}/publish")
    @Timed
    @Operation(summary = "Publish a version to every replica; publishing an earlier one is the rollback")
    @ApiResponse(responseCode = "200", description = "The publication")
    @ApiResponse(responseCode = "404", description = "`version_not_found`")
    @ApiResponse(responseCode = "409", description = "`rules_have_problems` or `scenarios_failing`: the version cannot be published")
    public RuleSets.Publication publish(@Auth EditorCaller editor, @PathParam("v") int number,
                                        @Valid RulesApi.PublishRequest body) {
        RuleSets.Publication publication = ruleSets.publish(number, editor.name(),
                body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason());
        published.syncSoon();
        return publication;
    }

    /**
     * What publishing the version would change for customers, read only: {@code ?customers=N} (default
     * 200, at most 100000) or {@code all}, within {@code ?seconds=S} (default 30, at most 300).
     */
    @POST
    @Path("versions/{v}/preview")
    @Timed
    @Operation(summary = "What publishing the version would change for real customers, read only")
    @ApiResponse(responseCode = "200", description = "Customers compared and changed, per kind of change, with examples")
    @ApiResponse(responseCode = "404", description = "`version_not_found`")
    @ApiResponse(responseCode = "409", description = "`preview_running` on this replica, or `rules_have_problems`")
    public ImpactPreview.Result preview(@Auth EditorCaller editor, @PathParam("v") int number,
                                        @QueryParam("customers") String customers, @QueryParam("seconds") String seconds) {
        Integer count = "all".equals(customers) ? null
                : (int) Math.min(number("customers", customers, DEFAULT_PREVIEW), MAX_PREVIEW);
        long limit = Math.min(number("seconds", seconds, DEFAULT_PREVIEW_SECONDS), MAX_PREVIEW_SECONDS);
        return previews.preview(number, count, Duration.ofSeconds(limit));
    }

    /** The preview running on this replica; 404 {@code no_preview} when none is. */
    @GET
    @Path("preview")
    @Timed
    @Operation(summary = "The preview running on this replica")
    @ApiResponse(responseCode = "200", description = "How far it is")
    @ApiResponse(responseCode = "404", description = "`no_preview`")
    public ImpactPreview.Progress previewRunning(@Auth EditorCaller editor) {
        return previews.progress().orElseThrow(RulesResource::noPreview);
    }

    /** Cancels the preview running on this replica: it answers with what it compared so far. */
    @DELETE
    @Path("preview")
    @Timed
    @Operation(summary = "Cancel the preview running on this replica")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "`no_preview`")
    public Map<String, Boolean> cancelPreview(@Auth EditorCaller editor) {
        if (!previews.cancel()) {
            throw noPreview();
        }
        return Map.of("cancelled", true);
    }

    private static ApiException noPreview() {
        return ApiException.notFound("no_preview", "no preview is running on this replica");
    }

    /** The published version, with its files and check, and who published it when and why. */
    @GET
    @Path("published")
    @Timed
    @Operation(summary = "The published version, with who published it, when and why")
    public RulesApi.Published published(@Auth EditorCaller editor) {
        RuleSets.Publication publication = ruleSets.published().orElseThrow();
        RulesApi.Detail detail = version(editor, publication.version());
        return new RulesApi.Published(detail, publication.seq(), publication.publishedAt(), publication.publishedBy(),
                publication.reason());
    }

    /** Every publication, newest first: {@code ?limit=50&before=SEQ} pages on. */
    @GET
    @Path("publications")
    @Timed
    @Operation(summary = "Every publication, newest first")
    public RulesApi.Publications publications(@Auth EditorCaller editor, @QueryParam("before") String before,
                                              @QueryParam("limit") String limit) {
        int size = page(limit);
        List<RuleSets.Publication> page = ruleSets.publications(number("before", before, Long.MAX_VALUE), size);
        return new RulesApi.Publications(page, page.size() < size ? null : page.get(page.size() - 1).seq());
    }

    /** Editors' calls, newest first: {@code ?limit=50&before=ID} pages on. */
    @GET
    @Path("audit")
    @Timed
    @Operation(summary = "Editors' calls, newest first")
    public RulesApi.Audit audit(@Auth EditorCaller editor, @QueryParam("before") String before,
                                @QueryParam("limit") String limit) {
        int size = page(limit);
        List<RuleSetDao.AuditRow> entries = audit.trail(number("before", before, Long.MAX_VALUE), size);
        return new RulesApi.Audit(entries, entries.size() < size ? null : entries.get(entries.size() - 1).id());
    }

    private int publishedVersion() {
        return ruleSets.published().map(RuleSets.Publication::version).orElse(0);
    }

    private static int page(String limit) {
        return (int) Math.min(number("limit", limit, DEFAULT_PAGE), MAX_PAGE);
    }

    private static long number(String name, String value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_" + name, name + " must be a whole number from 1");
    }
}
