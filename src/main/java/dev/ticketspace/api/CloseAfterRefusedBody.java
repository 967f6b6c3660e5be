package dev.ticketspace.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Says the connection closes after a refused request that came with a body. The refusal may come before
 * the body is read to its end (a parse error deep in it, a missing credential), and Jetty then closes
 * the connection rather than read the rest; said in the answer, a client knows not to send its next
 * request on it. A body refused for its size (413) is left to Jetty: closing at once was seen to cut the
 * client off while it was still sending a large body, before it could read the answer.
 */
public final class CloseAfterRefusedBody implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // From the headers: asking the request whether it has an entity reads a stream a refusal may have closed.
        boolean withBody = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (response.getStatus() >= 400 && response.getStatus() != 413 && withBody) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
