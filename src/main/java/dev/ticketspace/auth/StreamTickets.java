package dev.ticketspace.auth;

import dev.ticketspace.store.StreamTicketDao;
import io.dropwizard.auth.Authenticator;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Stream tickets: what a browser's EventSource, which cannot send an Authorization header, opens a live
 * stream with. A customer trades its token for one; it is good for one stream, for {@link #LIFETIME}, for
 * that customer of that workspace, on any replica (the database keeps a hash of it, never the ticket).
 */
public final class StreamTickets implements Authenticator<String, CustomerCaller> {
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;

    public StreamTickets(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A ticket as handed to the customer. */
    @Schema(name = "StreamTicket")
    public record Issued(String ticket, Instant expiresAt) {
    }

    public Issued issue(CustomerCaller caller) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        jdbi.useExtension(StreamTicketDao.class, tickets -> {
            tickets.pruneExpired(now);
            tickets.insert(hash(ticket), caller.workspaceId(), caller.customerId(), expiresAt);
        });
        return new Issued(ticket, expiresAt);
    }

    /** The ticket's customer, once: a ticket used, expired or never issued answers empty. */
    @Override
    public Optional<CustomerCaller> authenticate(String ticket) {
        String hash = hash(ticket);
        return jdbi.inTransaction(handle -> {
            StreamTicketDao tickets = handle.attach(StreamTicketDao.class);
            return tickets.holder(hash, clock.instant())
                    .filter(holder -> tickets.use(hash) == 1)
                    .map(holder -> new CustomerCaller(holder.workspaceId(), holder.customerId()));
        });
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
