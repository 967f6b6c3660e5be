package dev.ticketspace.web;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file shipped in the jar, read once, served with its content type, an ETag of its content and a short
 * cache lifetime: browsers revalidate after {@code maxAgeSeconds} (a 304 when unchanged), so a new
 * release reaches pages within that time.
 */
public final class StaticAsset {
    private final byte[] content;
    private final String mediaType;
    private final EntityTag etag;
    private final String cacheControl;

    public StaticAsset(String classpathResource, String mediaType, int maxAgeSeconds) {
        this.content = read(classpathResource);
        this.mediaType = mediaType;
        this.etag = new EntityTag(digest(content));
        this.cacheControl = "public, max-age=" + maxAgeSeconds;
    }

    public Response serve(Request request) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(content, mediaType);
        return response.tag(etag).header(HttpHeaders.CACHE_CONTROL, cacheControl).header("X-Content-Type-Options", "nosniff").build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
