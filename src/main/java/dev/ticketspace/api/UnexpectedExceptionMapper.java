package dev.ticketspace.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything not handled elsewhere. A lost database (no connection to be had from the pool, or a
 * connection failure, SQLState class 08, as cause or suppressed) is a 503 {@code database_unavailable}; any other
 * failure is logged with an id and answered 500 with that id and no details.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (isDatabaseUnavailable(exception)) {
            LOG.warn("database unavailable: {}", ExceptionUtils.getRootCauseMessage(exception));
            return error(503, new ApiError("database_unavailable", "the database is unavailable; retry shortly"));
        }
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("unexpected error {}", id, exception);
        return error(500, new ApiError("internal_error", "unexpected error " + id + "; it has been logged"));
    }

    /**
     * Looks through the causes and the suppressed exceptions too: when the connection drops under a batch,
     * the MySQL driver throws "statement closed" from its clean-up, with the link failure only suppressed.
     */
    private static boolean isDatabaseUnavailable(Throwable exception) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>(List.of(exception));
        while (!pending.isEmpty()) {
            Throwable cause = pending.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (isConnectionFailure(cause)) {
                return true;
            }
            if (cause.getCause() != null) {
                pending.push(cause.getCause());
            }
            pending.addAll(List.of(cause.getSuppressed()));
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable cause) {
        return cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    private static Response error(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
