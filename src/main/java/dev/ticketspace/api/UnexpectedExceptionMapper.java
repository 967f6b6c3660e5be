package dev.ticketspace.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything not handled elsewhere. A lost database (no connection to be had from the pool, or a
 * connection failure, SQLState class 08) is a 503 {@code database_unavailable}; any other
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

    private static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause : ExceptionUtils.getThrowableList(exception)) {
            if (cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static Response error(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
