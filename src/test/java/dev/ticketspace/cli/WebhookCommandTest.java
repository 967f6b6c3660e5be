package dev.ticketspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.webhooks.WebhookSecret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhook verify}: exit 0 for a good signature, 1 with one line saying why otherwise. */
class WebhookCommandTest {
    private static final String BODY = "{\"type\":\"ticket.read\",\"data\":{\"ticketId\":\"t1\"}}";

    @TempDir
    Path directory;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aGoodSignatureVerifiesAndABadOneDoesNot() throws Exception {
        String secret = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSecret.parse(secret).orElseThrow().sign("msg_1", now, BODY);
        Path body = Files.writeString(directory.resolve("body.json"), BODY);

        assertThat(run("--secret", secret, "--file", body.toString(), "--header", "webhook-id: msg_1",
                "--header", "webhook-timestamp: " + now, "--header", "Webhook-Signature: v0,x " + signature)).isEmpty();

        Files.writeString(body, BODY.replace("t1", "t2"));
        assertThat(run("--secret", secret, "--file", body.toString(), "--header", "webhook-id: msg_1",
                "--header", "webhook-timestamp: " + now, "--header", "webhook-signature: " + signature)).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("bad signature").hasLineCount(1);
    }

    @Test
    void aStaleTimestampAndAMissingHeaderAreRefused() throws Exception {
        String secret = WebhookSecret.generate();
        long old = Instant.now().getEpochSecond() - 3600;
        String signature = WebhookSecret.parse(secret).orElseThrow().sign("msg_1", old, BODY);
        Path body = Files.writeString(directory.resolve("body.json"), BODY);
        String[] stale = {"--secret", secret, "--file", body.toString(), "--header", "webhook-id: msg_1",
                "--header", "webhook-timestamp: " + old, "--header", "webhook-signature: " + signature};

        assertThat(run(stale)).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stale").hasLineCount(1);
        String[] saved = java.util.Arrays.copyOf(stale, stale.length + 2);
        saved[stale.length] = "--tolerance-seconds";
        saved[stale.length + 1] = "0";
        assertThat(run(saved)).isEmpty();
        err.reset();
        assertThat(run("--secret", secret, "--file", body.toString(), "--header", "webhook-id: msg_1")).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("missing header webhook-timestamp");
    }

    private Optional<Throwable> run(String... arguments) {
        String[] args = new String[arguments.length + 2];
        args[0] = "webhook";
        args[1] = "verify";
        System.arraycopy(arguments, 0, args, 2, arguments.length);
        return new TicketspaceApplication().cli(new ByteArrayOutputStream(), err).run(args);
    }
}
