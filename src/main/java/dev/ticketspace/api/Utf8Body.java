package dev.ticketspace.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies are JSON, and JSON is UTF-8 (RFC 8259): a body that is not UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF) or that holds a control character JSON never has
 * unescaped is a 400 {@code invalid_json}, found as the body is read. Jackson alone lets overlong forms
 * and code points past U+10FFFF through, and guesses at UTF-16 and UTF-32, failing on them with errors
 * of their own.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 90)
public final class Utf8Body implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (request.hasEntity()) {
            request.setEntityStream(new Checked(request.getEntityStream()));
        }
    }

    private static ApiException notUtf8() {
        return ApiException.badRequest("invalid_json", "the body is not valid JSON: it is not UTF-8 text");
    }

    /** Checks each byte as it is read against the UTF-8 byte sequences of RFC 3629. */
    private static final class Checked extends FilterInputStream {
        /** Continuation bytes still to come, and the range the next one must be in. */
        private int pending;
        private int low = 0x80;
        private int high = 0xbf;

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                ended();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[offset + i] & 0xff);
            }
            return n;
        }

        private void ended() {
            if (pending > 0) {
                throw notUtf8();
            }
        }

        private void check(int b) {
            if (pending > 0) {
                if (b < low || b > high) {
                    throw notUtf8();
                }
                pending--;
                low = 0x80;
                high = 0xbf;
            } else if (b < 0x20) {
                if (b != '\t' && b != '\n' && b != '\r') {
                    throw ApiException.badRequest("invalid_json",
                            "the body is not valid JSON: it holds a control character that is not escaped");
                }
            } else if (b < 0x80) {
                return;
            } else if (b >= 0xc2 && b <= 0xdf) {
                pending = 1;
            } else if (b == 0xe0) {
                expect(2, 0xa0, 0xbf);
            } else if (b == 0xed) {
                expect(2, 0x80, 0x9f);
            } else if (b >= 0xe1 && b <= 0xef) {
                pending = 2;
            } else if (b == 0xf0) {
                expect(3, 0x90, 0xbf);
            } else if (b >= 0xf1 && b <= 0xf3) {
                pending = 3;
            } else if (b == 0xf4) {
                expect(3, 0x80, 0x8f);
            } else {
                throw notUtf8();
            }
        }

        /** {@code count} continuation bytes follow, the first of them in the given range. */
        private void expect(int count, int firstLow, int firstHigh) {
            pending = count;
            low = firstLow;
            high = firstHigh;
        }
    }
}
