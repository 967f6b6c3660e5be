package dev.ticketspace.api;

import com.google.common.io.CountingInputStream;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;

/**
 * Reads the rest of a refused request's body before the answer goes out. A refusal may come before the
 * body is read to its end (a parse error deep in it, a missing credential); a client sends its whole
 * body before it reads the answer, so a server that closed the connection on it mid-send would leave it
 * with a reset connection instead of the answer. What is read is bounded: at most {@link #READ_AT_MOST}
 * bytes in all, and a body declared longer is not read at all. A body that cannot be read to its end
 * gets {@code Connection: close}, so the client at least does not send its next request on the
 * connection.
 *
 * <p>The body is read from the container's own stream, held from before any other filter sees it: the
 * stream the resources read is closed once Jackson has failed on it, and its checks (size, UTF-8) would
 * refuse the rest.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 1000)
public final class RefusedBodies implements ContainerRequestFilter, ContainerResponseFilter {
    /** The most of a body, read and unread, that is taken in after a refusal; longer ones close the connection. */
    public static final long READ_AT_MOST = 4 * BodySizeLimit.ONE_MIB;
    private static final String BODY = RefusedBodies.class.getName() + ".body";

    @Override
    public void filter(ContainerRequestContext request) {
        // From the headers: asking the request whether it has an entity waits for the body's first bytes.
        if (request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null) {
            // Jersey closes what it hands the resources; the body must stay readable after that.
            CountingInputStream body = new CountingInputStream(new FilterInputStream(request.getEntityStream()) {
                @Override
                public void close() {
                }
            });
            request.setProperty(BODY, body);
            request.setEntityStream(body);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && request.getProperty(BODY) instanceof CountingInputStream body
                && (request.getLength() > READ_AT_MOST || !readToItsEnd(body))) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean readToItsEnd(CountingInputStream body) {
        try {
            byte[] buffer = new byte[8192];
            while (body.getCount() <= READ_AT_MOST) {
                if (body.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
