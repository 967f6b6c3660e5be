package dev.ticketspace.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Refuses request bodies over the limit with 413 {@code body_too_large}, declared or streamed. */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimit implements ContainerRequestFilter {
    public static final long ONE_MIB = 1024 * 1024;
    /**
     * A declared body over the limit but under this is read and thrown away before the refusal: a client
     * sends its body before it reads the answer, and a server that closes on it mid-send leaves that client
     * with a reset connection instead of the 413. Larger ones are refused at once, the connection closed.
     */
    static final long DRAINED = 4 * ONE_MIB;

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            if (request.getLength() <= DRAINED) {
                drain(request);
            }
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream()));
        }
    }

    private static void drain(ContainerRequestContext request) {
        try {
            request.getEntityStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: the refusal goes nowhere either way
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "body_too_large", "the request body is over " + maxBytes + " bytes");
    }

    private final class Limited extends FilterInputStream {
        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
