package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are a lost database (503) and which are a defect (500). */
class UnexpectedExceptionMapperTest {
    private final UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();

    @Test
    void aConnectionFailureAsCauseIsTheDatabaseBeingUnavailable() {
        Exception failure = new IllegalStateException(new SQLNonTransientConnectionException("link lost", "08003"));

        assertUnavailable(mapper.toResponse(failure));
    }

    /** What the MySQL driver throws when the connection drops under a batch: the link failure is suppressed. */
    @Test
    void aConnectionFailureOnlySuppressedIsTheDatabaseBeingUnavailable() {
        SQLException closed = new SQLException("No operations allowed after statement closed.", "S1009");
        closed.addSuppressed(new SQLNonTransientConnectionException("No operations allowed after connection closed.",
                "08003"));

        assertUnavailable(mapper.toResponse(new IllegalStateException(closed)));
    }

    @Test
    void anyOtherFailureIsAnInternalErrorEvenWhenItsCausesLoop() {
        SQLException first = new SQLException("syntax", "42000");
        SQLException second = new SQLException("again", "42000", first);
        first.addSuppressed(second);

        Response response = mapper.toResponse(new IllegalStateException(second));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ApiError) response.getEntity()).code()).isEqualTo("internal_error");
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ApiError) response.getEntity()).code()).isEqualTo("database_unavailable");
    }
}
