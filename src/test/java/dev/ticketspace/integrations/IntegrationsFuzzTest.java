package dev.ticketspace.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.Fuzz;
import dev.ticketspace.support.Hostile;
import dev.ticketspace.support.RawHttp;
import dev.ticketspace.support.Refusals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapters under hostile input from a seeded random source (every failure names the seed;
 * {@code -Dticketspace.fuzz.seed=...} repeats a run). Correctly signed deliveries of the fixtures with one
 * value replaced by something hostile, or one field removed, are answered 200 or a proper 4xx, never a
 * 5xx; hostile bodies without a good signature are a 4xx and change nothing.
 */
class IntegrationsFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIGNED_CASES = 300;
    private static final int UNSIGNED_CASES = 100;
    private static final List<String> FIXTURES = List.of("zendesk/ticket.created.json",
            "zendesk/ticket.status_changed.json", "zendesk/ticket.comment_added.json", "zendesk/ticket.soft_deleted.json",
            "chatwoot/conversation_created.json", "chatwoot/conversation_status_changed.json",
            "chatwoot/conversation_updated.json", "chatwoot/message_created.json");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signedHostilePayloadsAreNeverAServerError(Backend backend) {
        Api api = HelpDesk.api(backend);
        Fuzz fuzz = Fuzz.start();
        for (int i = 0; i < SIGNED_CASES; i++) {
            String fixture = fuzz.pick(FIXTURES);
            ObjectNode payload = (ObjectNode) read(HelpDesk.fixture(fixture, values(fuzz)));
            String change = mutate(fuzz, payload);
            byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
            RawHttp.Response response = fixture.startsWith("zendesk") ? HelpDesk.zendesk(api, body)
                    : HelpDesk.chatwoot(api, body);
            String what = fuzz.at(fixture + " with " + change);
            if (response.status() == 200) {
                assertThat(read(response.bytes()).path("status").asText()).as(what).isIn("applied", "duplicate", "ignored");
            } else {
                Refusals.assertRefused(response, List.of(400), what, List.of("invalid_payload", "invalid_json",
                        "invalid_id", "invalid_value", "invalid_size", "invalid_time", "unknown_ticket",
                        "unknown_conversation", "requester_changed", "conversation_already_has_ticket"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unsignedHostileBodiesAreRefusedAndChangeNothing(Backend backend) {
        Api api = HelpDesk.api(backend);
        Fuzz fuzz = Fuzz.start();
        Fingerprint database = Fingerprint.of(backend);
        for (int i = 0; i < UNSIGNED_CASES; i++) {
            byte[] body = hostileBody(fuzz);
            String vendor = fuzz.nextBoolean() ? "zendesk" : "chatwoot";
            String timestamp = vendor.equals("zendesk") ? Instant.now().toString()
                    : Long.toString(Instant.now().getEpochSecond());
            String[] headers = switch (fuzz.nextInt(3)) {
                case 0 -> new String[0];
                case 1 -> vendor.equals("zendesk")
                        ? new String[]{"X-Zendesk-Webhook-Signature", Hostile.anyText(fuzz, 44).replaceAll("[^ -~]", "A"),
                                "X-Zendesk-Webhook-Signature-Timestamp", timestamp}
                        : new String[]{"X-Chatwoot-Signature", "sha256=" + "0".repeat(64), "X-Chatwoot-Timestamp", timestamp};
                default -> vendor.equals("zendesk")
                        ? new String[]{"X-Zendesk-Webhook-Signature", HelpDesk.zendeskSignature("wrong", timestamp, body),
                                "X-Zendesk-Webhook-Signature-Timestamp", timestamp}
                        : new String[]{"X-Chatwoot-Signature", HelpDesk.chatwootSignature("wrong", timestamp, body),
                                "X-Chatwoot-Timestamp", timestamp};
            };
            // a body that is not UTF-8 text is refused as such before its signature is looked at
            Refusals.assertRefused(HelpDesk.post(api, vendor, body, headers), List.of(400, 401),
                    fuzz.at(vendor + " case " + i), List.of("missing_signature", "invalid_signature", "stale_signature",
                            "invalid_json"));
        }
        database.assertUnchanged(fuzz.at("unsigned hostile deliveries"));
    }

    private static Map<String, String> values(Fuzz fuzz) {
        Map<String, String> values = new HashMap<>();
        String now = Instant.now().toString();
        for (String name : List.of("ticket", "requester", "actor", "event", "comment", "author")) {
            values.put(name, Api.id(name));
        }
        values.put("conversation", Integer.toString(fuzz.between(1, Integer.MAX_VALUE)));
        values.put("contact", Integer.toString(fuzz.between(1, Integer.MAX_VALUE)));
        values.put("message", Integer.toString(fuzz.between(1, Integer.MAX_VALUE)));
        values.put("status", fuzz.pick(List.of("NEW", "open", "Pending", "hold", "solved", "CLOSED", "snoozed", "resolved")));
        values.put("current", fuzz.pick(List.of("OPEN", "solved", "closed")));
        values.put("previous", "NEW");
        values.put("subject", "Order never arrived");
        values.put("body", "hello");
        values.put("content", "hello");
        values.put("staff", Boolean.toString(fuzz.nextBoolean()));
        values.put("public", Boolean.toString(fuzz.nextBoolean()));
        values.put("private", Boolean.toString(fuzz.nextBoolean()));
        values.put("labels", fuzz.nextBoolean() ? "[\"ticket\"]" : "[]");
        values.put("message_type", fuzz.pick(List.of("0", "1", "\"incoming\"", "\"outgoing\"")));
        values.put("created", now);
        values.put("time", now);
        values.put("epoch", Long.toString(Instant.now().getEpochSecond()));
        values.put("updated", Instant.now().getEpochSecond() + ".5");
        return values;
    }

    /** Replaces one value anywhere in the payload with a hostile one, or removes it; says which. */
    private static String mutate(Fuzz fuzz, ObjectNode payload) {
        List<String> paths = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        collect(payload, "", paths, parents);
        int at = fuzz.nextInt(paths.size());
        String path = paths.get(at);
        String field = path.substring(path.lastIndexOf('.') + 1);
        ObjectNode parent = (ObjectNode) parents.get(at);
        if (fuzz.nextInt(5) == 0) {
            parent.remove(field);
            return "no " + path;
        }
        JsonNode hostile = read(hostileValue(fuzz).getBytes(StandardCharsets.UTF_8));
        parent.set(field, hostile);
        return path + " = " + hostile;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths, List<JsonNode> parents) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                paths.add(prefix + field.getKey());
                parents.add(object);
                collect(field.getValue(), prefix + field.getKey() + ".", paths, parents);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(each -> collect(each, prefix, paths, parents));
        }
    }

    private static String hostileValue(Fuzz fuzz) {
        return switch (fuzz.nextInt(8)) {
            case 0 -> JSON.valueToTree(Hostile.invalidId(fuzz)).toString();
            case 1 -> JSON.valueToTree(Hostile.anyText(fuzz, fuzz.between(0, 400))).toString();
            case 2 -> fuzz.pick(Hostile.ODD_NUMBERS);
            case 3 -> fuzz.pick(Hostile.notAString());
            case 4 -> Hostile.nested(fuzz.between(1, 90));
            case 5 -> fuzz.pick(List.of("\"9999-99-99T99:99:99Z\"", "\"+999999999-12-31T23:59:59Z\"", "-1e20", "1e300",
                    "\"1969-12-31T23:59:59Z\"", "\"\""));
            case 6 -> fuzz.pick(Hostile.notAnObject());
            default -> JSON.valueToTree(fuzz.pick(Hostile.IDS)).toString();
        };
    }

    private static byte[] hostileBody(Fuzz fuzz) {
        return switch (fuzz.nextInt(5)) {
            case 0 -> fuzz.pick(Hostile.INVALID_UTF8);
            case 1 -> Hostile.nestedObjects(fuzz.between(1, 3000)).getBytes(StandardCharsets.UTF_8);
            case 2 -> Hostile.anyText(fuzz, fuzz.between(0, 2000)).getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[0];
            default -> HelpDesk.fixture(fuzz.pick(FIXTURES), values(fuzz));
        };
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
