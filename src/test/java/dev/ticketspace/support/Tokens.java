package dev.ticketspace.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer tokens as an attacker makes them: any header, any claims JSON, signed with any key by any
 * algorithm, or assembled from parts. The MAC is computed here, not by Nimbus, so that keys Nimbus
 * finds too short for HS384/HS512 (such as a workspace's messenger secret) can be used all the same.
 */
public final class Tokens {
    private Tokens() {
    }

    /** Claims of a token for the customer of the workspace: issued now, expiring in ten minutes. */
    public static JWTClaimsSet valid(String workspaceId, String customerId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(customerId).claim("ws", workspaceId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).build();
    }

    /** The claims as JSON text, to edit by hand. */
    public static String json(JWTClaimsSet claims) {
        return claims.toString();
    }

    /** A JWS of the header and payload JSON, MACed with the key by the JCA algorithm (e.g. HmacSHA512). */
    public static String mac(String headerJson, String payloadJson, String jcaAlgorithm, byte[] key) {
        String input = part(headerJson) + "." + part(payloadJson);
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HS256 JWS of the claims JSON with the secret, as the workspace would sign it. */
    public static String hs256(String payloadJson, String secret) {
        return mac("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloadJson, "HmacSHA256", secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWS signed by Nimbus with the given header (its algorithm must be the signer's). */
    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static JWSHeader header(JWSAlgorithm algorithm) {
        return new JWSHeader(algorithm);
    }

    /** A base64url part of the text's UTF-8 bytes. */
    public static String part(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
