package dev.ticketspace.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A help desk posting its webhooks to the {@code helpdesk} workspace of test-config.yml: the fixtures under
 * {@code integrations/}, filled in, and signed the way each vendor documents, computed here on its own
 * rather than with the adapter's code.
 */
final class HelpDesk {
    static final String WORKSPACE = "helpdesk";
    static final String ZENDESK_SECRET = "zendesk-test-signing-secret";
    static final String CHATWOOT_SECRET = "chatwoot-test-webhook-secret";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private HelpDesk() {
    }

    static Api api(Backend backend) {
        return new Api(backend.app(), WORKSPACE);
    }

    /** The fixture with every {@code {{name}}} replaced; a placeholder without a value fails the test. */
    static byte[] fixture(String path, Map<String, String> values) {
        String text;
        try (InputStream in = HelpDesk.class.getResourceAsStream("/integrations/" + path)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            assertThat(value).as("value for {{%s}} in %s", matcher.group(1), path).isNotNull();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String zendeskSignature(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, concat(timestamp.getBytes(StandardCharsets.UTF_8), body)));
    }

    static String chatwootSignature(String secret, String timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret,
                concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body)));
    }

    /** A Zendesk delivery signed now with the right secret. */
    static RawHttp.Response zendesk(Api api, byte[] body) {
        String timestamp = Instant.now().toString();
        return zendesk(api, body, "X-Zendesk-Webhook-Signature", zendeskSignature(ZENDESK_SECRET, timestamp, body),
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp);
    }

    static RawHttp.Response zendesk(Api api, byte[] body, String... headers) {
        return post(api, "zendesk", body, headers);
    }

    /** A Chatwoot delivery signed now with the right secret. */
    static RawHttp.Response chatwoot(Api api, byte[] body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return chatwoot(api, body, "X-Chatwoot-Signature", chatwootSignature(CHATWOOT_SECRET, timestamp, body),
                "X-Chatwoot-Timestamp", timestamp);
    }

    static RawHttp.Response chatwoot(Api api, byte[] body, String... headers) {
        return post(api, "chatwoot", body, headers);
    }

    static RawHttp.Response post(Api api, String vendor, byte[] body, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return RawHttp.send(api, "POST", "/api/v1/workspaces/" + api.workspaceId() + "/integrations/" + vendor,
                body, all);
    }

    /** The delivery was answered 200 with that status. */
    static JsonNode accepted(RawHttp.Response response, String status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(200);
        JsonNode json = response.reply().json();
        assertThat(json.path("status").asText()).as("delivery status of %s", response).isEqualTo(status);
        return json;
    }

    static JsonNode tickets(Api api, String customer) {
        Api.Reply reply = api.tickets(customer);
        assertThat(reply.status()).as("tickets of %s: %s", customer, reply).isEqualTo(200);
        return reply.json().get("tickets");
    }

    static JsonNode conversations(Api api, String customer) {
        Api.Reply reply = api.conversations(customer);
        assertThat(reply.status()).as("conversations of %s: %s", customer, reply).isEqualTo(200);
        return reply.json().get("conversations");
    }

    static int badge(Api api, String customer, String space) {
        Api.Reply reply = api.state(customer);
        assertThat(reply.status()).as("state of %s: %s", customer, reply).isEqualTo(200);
        for (JsonNode each : reply.json().get("spaces")) {
            if (each.get("id").asText().equals(space)) {
                return each.get("badge").asInt();
            }
        }
        throw new AssertionError("no space " + space + " in " + reply);
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
