package dev.ticketspace.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An endpoint's signing secret, {@code whsec_<base64>}, and the Standard Webhooks signature it makes:
 * {@code v1,<base64 of HMAC-SHA256 over "id.timestamp.body">}, keyed by the base64-decoded part.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** A new random secret of 32 bytes. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The secret, if it is {@code whsec_} and standard base64 of 24 to 64 bytes. */
    public static Optional<WebhookSecret> parse(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            return key.length < MIN_BYTES || key.length > MAX_BYTES ? Optional.empty() : Optional.of(new WebhookSecret(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code webhook-signature} value for this message. */
    public String sign(String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether one of the space-separated signatures of a {@code webhook-signature} header is this message's
     * {@code v1} signature; compared in constant time.
     */
    public boolean verifies(String webhookId, long timestampSeconds, String body, String signatureHeader) {
        byte[] expected = sign(webhookId, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatureHeader.trim().split(" +")) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
