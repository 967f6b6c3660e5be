package dev.ticketspace.rulesets;

import dev.ticketspace.auth.EditorCaller;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every call to {@code /api/v1/rules} in {@code rule_audit} as it is answered: the editor (none
 * when the call was refused as unauthenticated), method, path, status, and the version it named or made.
 */
@RulesAuditFilter.Audited
public final class RulesAuditFilter implements ContainerResponseFilter {
    private static final String VERSION = RulesAuditFilter.class.getName() + ".version";
    private static final int MAX_PATH = 512;
    private static final Logger LOG = LoggerFactory.getLogger(RulesAuditFilter.class);

    /** Marks the resources whose calls are audited. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Audited {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public RulesAuditFilter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The call made this version (it has no path parameter naming it). */
    static void version(ContainerRequestContext request, int version) {
        request.setProperty(VERSION, version);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String editor = principal instanceof EditorCaller caller ? caller.name() : null;
        String path = "/" + request.getUriInfo().getPath();
        Integer version = request.getProperty(VERSION) instanceof Integer made ? made : named(request);
        try {
            jdbi.useExtension(RuleSetDao.class, dao -> dao.audit(clock.instant(), editor, request.getMethod(),
                    path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path, response.getStatus(), version));
        } catch (RuntimeException e) {
            LOG.error("cannot audit {} {} by {} ({}): {}", request.getMethod(), path, editor, response.getStatus(),
                    ExceptionUtils.getRootCauseMessage(e));
        }
    }

    private static Integer named(ContainerRequestContext request) {
        List<String> named = request.getUriInfo().getPathParameters().get("v");
        if (named == null || named.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(named.get(0));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Editors' calls, newest first. */
    List<RuleSetDao.AuditRow> trail(long before, int limit) {
        return jdbi.withExtension(RuleSetDao.class, dao -> dao.auditTrail(before, limit));
    }
}
