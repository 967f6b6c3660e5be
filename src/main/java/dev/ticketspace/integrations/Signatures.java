package dev.ticketspace.integrations;

import dev.ticketspace.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What both vendors' signature schemes share: an HMAC-SHA256 keyed with the webhook secret over the
 * signature timestamp and the raw body, compared in constant time, and a timestamp that must lie within
 * five minutes of now, either way, so that a captured delivery cannot be replayed later.
 */
public final class Signatures {
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;

    public Signatures(Clock clock) {
        this.clock = clock;
    }

    /** HMAC-SHA256 of the parts, one after the other, keyed with the secret's UTF-8 bytes. */
    public static byte[] hmacSha256(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** Refuses the delivery unless the offered signature is the expected one; compared in constant time. */
    public static void requireEqual(String offered, String expected) {
        if (!MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw refused("invalid_signature", "the signature does not match the body and timestamp");
        }
    }

    /** Refuses a signature timestamp more than five minutes before or after now. */
    public void requireFresh(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(WINDOW)) || signedAt.isAfter(now.plus(WINDOW))) {
            throw refused("stale_signature", "the signature timestamp is more than "
                    + WINDOW.toMinutes() + " minutes away from now");
        }
    }

    /** The header must be there; a delivery without it is refused like a forged one. */
    public static String required(String header, String name) {
        if (header == null || header.isBlank()) {
            throw refused("missing_signature", "the " + name + " header is missing");
        }
        return header.strip();
    }

    public static ApiException refused(String code, String message) {
        return new ApiException(401, code, message);
    }
}
