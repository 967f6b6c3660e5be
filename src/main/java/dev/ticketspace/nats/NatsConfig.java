package dev.ticketspace.nats;

import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The NATS JetStream transport of live changes ({@code live.transport: nats}).
 *
 * @param url            the servers, {@code nats://host:port}, several separated by commas (default
 *                       {@code nats://127.0.0.1:4222}); never with credentials in it
 * @param user           user name and password, when the servers ask for them (from the environment; blank: none)
 * @param stream         the JetStream stream of changes, made or updated by the relay (TICKETSPACE_CHANGES)
 * @param subjectPrefix  first token of the subjects: {@code <prefix>.changes.<workspace>.<customer>} and
 *                       {@code <prefix>.workspace.<workspace>} (ticketspace)
 * @param streamReplicas copies of the stream a JetStream cluster keeps (1; 3 on a three-server cluster)
 * @param relayLease     how long the relay's lease lasts unless renewed (5 s): after a relay dies without a
 *                       word, another replica takes over within this and a second
 */
public record NatsConfig(
        @NotNull @Pattern(regexp = "[^@\\s]+", message = "must not carry credentials: use live.nats.user and .password")
        String url,
        String user,
        String password,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String stream,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String subjectPrefix,
        @Min(1) @Max(5) int streamReplicas,
        @NotNull Duration relayLease) {
    public NatsConfig {
        url = url == null ? "nats://127.0.0.1:4222" : url;
        user = user == null || user.isBlank() ? null : user;
        stream = stream == null ? "TICKETSPACE_CHANGES" : stream;
        subjectPrefix = subjectPrefix == null ? "ticketspace" : subjectPrefix;
        streamReplicas = streamReplicas == 0 ? 1 : streamReplicas;
        relayLease = relayLease == null ? Duration.seconds(5) : relayLease;
    }

    public NatsConfig() {
        this(null, null, null, null, null, 0, null);
    }
}
