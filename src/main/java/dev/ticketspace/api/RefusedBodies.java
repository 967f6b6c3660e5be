package dev.ticketspace.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads the rest of a refused request's body before the answer goes out. A refusal may come before the
 * body is read to its end (a parse error deep in it, a missing credential); a client sends its whole
 * body before it reads the answer, so a server that closed the connection on it mid-send would leave it
 * with a reset connection instead of the answer. What is read is bounded: a body {@link BodySizeLimit}
 * lets in stops at its limit, and one it refused for its declared length is read only up to
 * {@link #READ_AT_MOST}. A body that cannot be read to its end gets {@code Connection: close}, so the
 * client at least does not send its next request on the connection.
 */
public final class RefusedBodies implements ContainerResponseFilter {
    /** The longest declared body that is read to its end after a refusal; larger ones close the connection. */
    static final long READ_AT_MOST = 4 * BodySizeLimit.ONE_MIB;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // From the headers: asking the request whether it has an entity reads a stream a refusal may have closed.
        boolean withBody = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (response.getStatus() >= 400 && withBody
                && (request.getLength() > READ_AT_MOST || !readToItsEnd(request))) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean readToItsEnd(ContainerRequestContext request) {
        try {
            request.getEntityStream().transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
