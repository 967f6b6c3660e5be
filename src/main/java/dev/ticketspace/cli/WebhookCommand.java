package dev.ticketspace.cli;

import dev.ticketspace.webhooks.WebhookSecret;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code webhook verify --secret whsec_... --file body.json --header 'webhook-id: msg_...' --header
 * 'webhook-timestamp: ...' --header 'webhook-signature: v1,...'}: checks a delivery as a receiver would,
 * exit 0 when the signature is good, 1 with one line saying why not.
 */
public final class WebhookCommand extends Command {
    public WebhookCommand() {
        super("webhook", "Checks the signature of a webhook delivery (webhook verify)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("verify").help("verify: check a delivery's signature");
        subparser.addArgument("--secret").required(true).help("the endpoint's secret, whsec_...");
        subparser.addArgument("--file").required(true).help("the request body exactly as received");
        subparser.addArgument("--header").action(Arguments.append()).required(true)
                .help("a request header as 'name: value'; give webhook-id, webhook-timestamp and webhook-signature");
        subparser.addArgument("--tolerance-seconds").type(Long.class).setDefault(300L)
                .help("how far the timestamp may be from now (default 300; 0: not checked, for saved deliveries)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        WebhookSecret secret = WebhookSecret.parse(namespace.getString("secret"))
                .orElseThrow(() -> new CommandFailed("the secret is not whsec_ followed by base64 of 24 to 64 bytes"));
        Map<String, String> headers = new HashMap<>();
        for (String header : namespace.<String>getList("header")) {
            int colon = header.indexOf(':');
            if (colon < 1) {
                throw new CommandFailed("not a header 'name: value': " + header);
            }
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            if (!headers.containsKey(name)) {
                throw new CommandFailed("missing header " + name);
            }
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(headers.get("webhook-timestamp"));
        } catch (NumberFormatException e) {
            throw new CommandFailed("webhook-timestamp is not a number of seconds");
        }
        long tolerance = namespace.getLong("tolerance_seconds");
        if (tolerance > 0 && Math.abs(Instant.now().getEpochSecond() - timestamp) > tolerance) {
            throw new CommandFailed("webhook-timestamp is more than " + tolerance + " s from now (replayed or stale)");
        }
        String body = Files.readString(Path.of(namespace.getString("file")), StandardCharsets.UTF_8);
        if (!secret.verifies(headers.get("webhook-id"), timestamp, body, headers.get("webhook-signature"))) {
            throw new CommandFailed("bad signature: the body, id, timestamp or secret differ from what was signed");
        }
        System.out.println("signature ok");
    }
}
