package dev.ticketspace.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ticketspace.api.ValidId;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer tokens: HS256 JWTs with {@code sub} (customer), {@code ws} (workspace) and {@code exp},
 * signed with the workspace's {@code messengerSecret}. Anything else is refused: other algorithms
 * (including {@code none}), a missing claim, an expired or not-yet-valid token, a lifetime over
 * {@code tokens.maxLifetime}.
 */
public final class CustomerTokens implements Authenticator<String, CustomerCaller> {
    public static final String WORKSPACE_CLAIM = "ws";
    /** How far the issuer's clock may be ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Workspaces workspaces;
    private final Duration maxLifetime;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public CustomerTokens(Workspaces workspaces, Duration maxLifetime, Clock clock) {
        this.workspaces = workspaces;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        processor.setJWTClaimsSetAwareJWSKeySelector((header, claims, context) -> {
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())
                    || !(claims.getClaim(WORKSPACE_CLAIM) instanceof String workspaceId)) {
                return List.of();
            }
            return workspaces.byId(workspaceId).<List<Key>>map(workspace -> List.of(secretKey(workspace)))
                    .orElse(List.of());
        });
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().build(), Set.of("sub", WORKSPACE_CLAIM, "exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
    }

    /** Mints a token for trying the API (and for tests); the lifetime must not exceed the maximum. */
    public String mint(String workspaceId, String customerId, Duration lifetime) {
        Workspace workspace = workspaces.byId(workspaceId)
                .orElseThrow(() -> new IllegalArgumentException("no workspace " + workspaceId));
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("lifetime " + lifetime + " exceeds tokens.maxLifetime " + maxLifetime);
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(customerId)
                .claim(WORKSPACE_CLAIM, workspaceId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(new MACSigner(secretKey(workspace)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token for workspace " + workspaceId, e);
        }
        return token.serialize();
    }

    @Override
    public Optional<CustomerCaller> authenticate(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
        Object workspaceId = claims.getClaim(WORKSPACE_CLAIM);
        String customerId = claims.getSubject();
        // A required claim given as null passes the verifier's check that it is there.
        if (customerId == null || claims.getExpirationTime() == null || !livesWithinLimit(claims)
                || !customerId.matches(ValidId.PATTERN)) {
            return Optional.empty();
        }
        return Optional.of(new CustomerCaller((String) workspaceId, customerId));
    }

    /**
     * A token may live at most {@code tokens.maxLifetime}: from now, and from its {@code iat} if it has
     * one; an {@code iat} in the future (beyond clock skew) is refused, or it would stretch the lifetime.
     */
    private boolean livesWithinLimit(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Instant expires = claims.getExpirationTime().toInstant();
        if (Duration.between(now, expires).compareTo(maxLifetime) > 0) {
            return false;
        }
        if (claims.getIssueTime() == null) {
            return true;
        }
        Instant issued = claims.getIssueTime().toInstant();
        return !issued.isAfter(now.plus(CLOCK_SKEW)) && Duration.between(issued, expires).compareTo(maxLifetime) <= 0;
    }

    private static SecretKeySpec secretKey(Workspace workspace) {
        return new SecretKeySpec(workspace.messengerSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
