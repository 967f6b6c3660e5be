package dev.ticketspace.events;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationRead;
import static dev.ticketspace.support.Events.conversationState;
import static dev.ticketspace.support.Events.linked;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.sharingChanged;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ticketspace.api.BodySizeLimit;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.Fuzz;
import dev.ticketspace.support.Hostile;
import dev.ticketspace.support.RawHttp;
import dev.ticketspace.support.Refusals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /api/v1/workspaces/{ws}/events} under hostile input generated from a seeded random source
 * (every failure names the seed; {@code -Dticketspace.fuzz.seed=...} repeats a run). Each request is
 * refused with a 4xx and a JSON {@code {code, message}} body, never a 5xx, a stack trace or a Java name;
 * and the database is exactly as before, although nearly every refused batch also holds valid events of a
 * fresh customer that would change it were they applied.
 */
class EventsFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The database is compared with its snapshot after this many cases, and after the last. */
    private static final int CHECK_EVERY = 150;

    private enum Kind { TYPE, ID, TIME, TEXT, LABEL, CATEGORY, AUTHOR, CONVERSATION_STATE, BOOLEAN, STATE }

    private record Field(String name, Kind kind, boolean required) {
    }

    /** The fields of each event type, as the events API documents them (checked against the records below). */
    private static final Map<String, List<Field>> SHAPES = shapes();

    private static Map<String, List<Field>> shapes() {
        Map<String, List<Field>> shapes = new LinkedHashMap<>();
        shapes.put("ticket.created", shape(required("ticketId", Kind.ID), required("customerId", Kind.ID),
                required("title", Kind.TEXT), required("state", Kind.STATE), optional("sharedWithCustomer", Kind.BOOLEAN),
                optional("conversationId", Kind.ID)));
        shapes.put("ticket.state_changed", shape(required("ticketId", Kind.ID), required("state", Kind.STATE)));
        shapes.put("ticket.linked", shape(required("ticketId", Kind.ID), required("conversationId", Kind.ID)));
        shapes.put("ticket.sharing_changed", shape(required("ticketId", Kind.ID),
                required("sharedWithCustomer", Kind.BOOLEAN)));
        shapes.put("ticket.read", shape(required("ticketId", Kind.ID)));
        shapes.put("conversation.created", shape(required("conversationId", Kind.ID), required("customerId", Kind.ID)));
        shapes.put("conversation.message_added", shape(required("conversationId", Kind.ID), required("messageId", Kind.ID),
                required("author", Kind.AUTHOR)));
        shapes.put("conversation.state_changed", shape(required("conversationId", Kind.ID),
                required("state", Kind.CONVERSATION_STATE)));
        shapes.put("conversation.read", shape(required("conversationId", Kind.ID)));
        return shapes;
    }

    private static List<Field> shape(Field... fields) {
        List<Field> all = new ArrayList<>(List.of(required("type", Kind.TYPE), required("id", Kind.ID),
                required("occurredAt", Kind.TIME)));
        all.addAll(List.of(fields));
        return all;
    }

    private static Field required(String name, Kind kind) {
        return new Field(name, kind, true);
    }

    private static Field optional(String name, Kind kind) {
        return new Field(name, kind, false);
    }

    /** The nested {@code state} of ticket events. */
    private static final List<Field> TICKET_STATE = List.of(required("category", Kind.CATEGORY), required("label", Kind.LABEL));

    /**
     * Every event type once, for a fresh customer, in an order in which each applies: the control test
     * shows that such a batch is applied in full, so any refusal below is the hostile part's doing.
     */
    private static List<ObjectNode> story() {
        String customer = Api.id("c");
        String conversation = Api.id("conv");
        String second = Api.id("conv");
        String ticket = Api.id("t");
        ObjectNode created = node(ticketCreated(ticket, customer, conversation, 2)).put("sharedWithCustomer", true);
        return new ArrayList<>(List.of(node(conversationCreated(conversation, customer, 1)), created,
                node(message(conversation, "teammate", 3)), node(stateChanged(ticket, "in_progress", 4)),
                node(conversationState(conversation, "snoozed", 5)), node(sharingChanged(ticket, true, 6)),
                node(conversationCreated(second, customer, 7)), node(linked(ticket, second, 8)),
                node(conversationRead(second, 9)), node(ticketRead(ticket, 10))));
    }

    /** A valid event of the type (of a fresh story of its own). */
    private static ObjectNode eventOf(String type) {
        return story().stream().filter(e -> e.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static ObjectNode node(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String batch(List<? extends JsonNode> events) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("events").addAll(events);
        return body.toString();
    }

    /** One test's cases against one backend: posts them and checks each answer and, now and then, the database. */
    private static final class Run {
        final Api api;
        final Fuzz fuzz = Fuzz.start();
        final Fingerprint before;
        int cases;

        Run(Backend backend) {
            api = Api.demo(backend);
            before = Fingerprint.of(backend);
        }

        String path() {
            return "/api/v1/workspaces/" + api.workspaceId() + "/events";
        }

        RawHttp.Response post(byte[] body) {
            return RawHttp.send(api, "POST", path(), body, "Authorization", "Bearer " + api.workspace().apiKey(),
                    "Content-Type", "application/json");
        }

        /** The batch holds the story with the bad event at a random place. */
        List<JsonNode> storyWith(JsonNode bad) {
            List<JsonNode> events = new ArrayList<>(story());
            events.add(fuzz.nextInt(events.size() + 1), bad);
            return events;
        }

        void refused(String what, String body, int status, String code, String... orCodes) {
            refused(what, body, status, Refusals.codes(code, orCodes));
        }

        void refused(String what, String body, int status, List<String> codes) {
            refused(what, body.getBytes(StandardCharsets.UTF_8), status, codes);
        }

        void refused(String what, byte[] body, int status, String code, String... orCodes) {
            refused(what, body, status, Refusals.codes(code, orCodes));
        }

        void refused(String what, byte[] body, int status, List<String> codes) {
            check(what, post(body), List.of(status), codes);
        }

        /** The response is a refusal with that status and the code or one of the others. */
        void check(String what, RawHttp.Response response, int status, String code, String... orCodes) {
            check(what, response, List.of(status), Refusals.codes(code, orCodes));
        }

        /** The response is a refusal with one of the statuses and one of the codes. */
        void check(String what, RawHttp.Response response, List<Integer> statuses, List<String> codes) {
            cases++;
            Refusals.assertRefused(response, statuses, fuzz.at(what), codes);
            checkNowAndThen(what);
        }

        private void checkNowAndThen(String what) {
            if (cases % CHECK_EVERY == 0) {
                before.assertUnchanged(fuzz.at("case " + cases + " (" + what + ") or one of the "
                        + (CHECK_EVERY - 1) + " before it"));
            }
        }

        /** After the last case: the database is unchanged, and there were as many cases as meant. */
        void nothingChanged(int atLeastCases) {
            before.assertUnchanged(fuzz.at("all " + cases + " cases"));
            assertThat(cases).as("cases run").isGreaterThanOrEqualTo(atLeastCases);
        }
    }

    @Test
    void theShapesFuzzedHereAreThoseOfTheEventRecords() {
        Map<String, Set<String>> records = new HashMap<>();
        for (JsonSubTypes.Type type : Event.class.getAnnotation(JsonSubTypes.class).value()) {
            Set<String> fields = new TreeSet<>(Set.of("type"));
            for (RecordComponent component : type.value().getRecordComponents()) {
                fields.add(component.getName());
            }
            records.put(type.value().getAnnotation(JsonTypeName.class).value(), fields);
        }
        Map<String, Set<String>> fuzzed = new HashMap<>();
        SHAPES.forEach((type, fields) -> fuzzed.put(type,
                fields.stream().map(Field::name).collect(Collectors.toCollection(TreeSet::new))));
        assertThat(fuzzed).isEqualTo(records);
        assertThat(Arrays.stream(TicketState.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactlyInAnyOrderElementsOf(TICKET_STATE.stream().map(Field::name).toList());
        assertThat(story()).extracting(e -> e.get("type").asText()).containsAll(SHAPES.keySet());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theValidBatchThatHostilePartsAreHiddenInIsAppliedInFull(Backend backend) {
        Run run = new Run(backend);
        List<ObjectNode> story = story();

        RawHttp.Response response = run.post(batch(story).getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.reply().json().get("results")).hasSize(story.size())
                .allSatisfy(result -> assertThat(result.get("status").asText()).as("%s", result).isEqualTo("applied"));
        assertThat(run.before.changes()).as("what the story changed").isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aValueOfTheWrongTypeInAnyFieldOfAnyEventIsRefusedAndChangesNothing(Backend backend) {
        Run run = new Run(backend);

        SHAPES.forEach((type, fields) -> {
            for (Field field : fields) {
                for (String value : wrongValuesFor(field)) {
                    ObjectNode event = eventOf(type);
                    event.putRawValue(field.name(), new RawValue(value));
                    run.refused(type + "." + field.name() + " = " + Hostile.shown(value), batch(run.storyWith(event)), 400,
                            codesForWrongValue(field, value));
                }
            }
        });
        for (String type : List.of("ticket.created", "ticket.state_changed")) {
            for (Field field : TICKET_STATE) {
                for (String value : wrongValuesFor(field)) {
                    ObjectNode event = eventOf(type);
                    ((ObjectNode) event.get("state")).putRawValue(field.name(), new RawValue(value));
                    run.refused(type + ".state." + field.name() + " = " + Hostile.shown(value),
                            batch(run.storyWith(event)), 400, codesForWrongValue(field, value));
                }
            }
        }
        run.nothingChanged(500);
    }

    /** JSON of the wrong type for the field, and null if the field is required. */
    private static List<String> wrongValuesFor(Field field) {
        List<String> values = new ArrayList<>(switch (field.kind()) {
            case BOOLEAN -> Hostile.notABoolean();
            case STATE -> Hostile.notAnObject();
            default -> Hostile.notAString();
        });
        if (field.required()) {
            values.add("null");
        }
        return values;
    }

    private static List<String> codesForWrongValue(Field field, String value) {
        if (value.equals("null")) {
            return List.of("missing_field");
        }
        if (field.kind() == Kind.TYPE) {
            return List.of("unknown_event_type", "missing_field", "invalid_field");
        }
        return List.of("invalid_field");
    }

    /** Times as JSON: numbers (no epoch seconds: times are ISO-8601 text), malformed text, or outside 1970-9999. */
    private static final List<String> NOT_STORABLE_TIMES = List.of(
            "1767225600", "1767225600000", "\"1767225600\"", "\"1767225600.5\"", "1e400", "-1e400", "-0", "0", "1.5",
            "18446744073709551616", "\"\"", "\" \"", "\"NaN\"", "\"yesterday\"", "\"now\"", "\"2026-13-01T00:00:00Z\"",
            "\"2026-02-30T00:00:00Z\"", "\"2026-01-01\"", "\"2026-01-01T00:00:00\"", "\"2026-01-01 00:00:00Z\"",
            "\"Thu, 01 Jan 2026 00:00:00 GMT\"", "\"2026-01-01T00:00:00ZZ\"", "\"2026-01-01T00:00:60Z\"",
            "\"10000-01-01T00:00:00Z\"", "\"2026-W01-1T00:00:00Z\"", "\" 2026-01-01T00:00:00Z\"",
            "\"2026-01-01T00:00:00Z\\u0000\"",
            "true", "[]", "[\"2026-01-01T00:00:00Z\"]", "{}", "{\"epochSecond\":1767225600}",
            "\"+10000-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59.999Z\"", "\"0000-01-01T00:00:00Z\"",
            "\"-1000000000-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOccurredAtThatIsNotAStorableIso8601TimeIsRefusedAndChangesNothing(Backend backend) {
        Run run = new Run(backend);
        List<String> types = new ArrayList<>(SHAPES.keySet());

        for (String time : NOT_STORABLE_TIMES) {
            for (int i = 0; i < 2; i++) {
                String type = run.fuzz.pick(types);
                ObjectNode event = eventOf(type);
                event.putRawValue("occurredAt", new RawValue(time));
                run.refused(type + ".occurredAt = " + Hostile.shown(time), batch(run.storyWith(event)), 400,
                        "invalid_field", "invalid_time");
            }
        }
        run.nothingChanged(NOT_STORABLE_TIMES.size() * 2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileIdsInAnyIdFieldOfAnyEventAreRefusedAsInvalidIdsAndChangeNothing(Backend backend) {
        Run run = new Run(backend);
        List<String[]> idFields = new ArrayList<>();
        SHAPES.forEach((type, fields) -> fields.stream().filter(f -> f.kind() == Kind.ID)
                .forEach(f -> idFields.add(new String[] {type, f.name()})));

        // every listed id somewhere, and every id field of every type with listed and random ids
        List<String[]> cases = new ArrayList<>();
        for (String id : Hostile.IDS) {
            String[] field = run.fuzz.pick(idFields);
            cases.add(new String[] {field[0], field[1], id});
        }
        for (String[] field : idFields) {
            for (int i = 0; i < 4; i++) {
                cases.add(new String[] {field[0], field[1], run.fuzz.pick(Hostile.IDS)});
                cases.add(new String[] {field[0], field[1], Hostile.invalidId(run.fuzz)});
            }
        }
        for (String[] c : cases) {
            ObjectNode event = eventOf(c[0]).put(c[1], c[2]);
            run.refused(c[0] + "." + c[1] + " = " + Hostile.shown(c[2]), batch(run.storyWith(event)), 400, "invalid_id");
        }
        run.nothingChanged(cases.size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void textOutsideItsSizeOrNotWellFormedUnicodeIsRefusedAndChangesNothing(Backend backend) {
        Run run = new Run(backend);
        List<String> tooLongTitles = List.of("\"" + "x".repeat(256) + "\"",
                JSON.valueToTree(Hostile.anyText(run.fuzz, 256 + run.fuzz.nextInt(200))).toString());
        List<String> tooLongLabels = List.of("\"" + "l".repeat(101) + "\"",
                JSON.valueToTree(Hostile.anyText(run.fuzz, 101 + run.fuzz.nextInt(100))).toString());
        // valid JSON escapes, but no Unicode text: a surrogate alone, or the two of a pair in the wrong order
        List<String> notUnicode = List.of("\"\\uD800\"", "\"\\uDFFF\"", "\"a\\uD800b\"", "\"\\uDC00\\uD800\"",
                "\"\\uD83D\"", "\"x\\uDE00\"");

        for (String title : concat(List.of("\"\""), tooLongTitles)) {
            ObjectNode event = eventOf("ticket.created");
            event.putRawValue("title", new RawValue(title));
            run.refused("title = " + Hostile.shown(title), batch(run.storyWith(event)), 400, "invalid_size");
        }
        for (String label : concat(List.of("\"\""), tooLongLabels)) {
            ObjectNode event = eventOf(run.fuzz.nextBoolean() ? "ticket.created" : "ticket.state_changed");
            ((ObjectNode) event.get("state")).putRawValue("label", new RawValue(label));
            run.refused("state.label = " + Hostile.shown(label), batch(run.storyWith(event)), 400, "invalid_size");
        }
        for (String text : notUnicode) {
            ObjectNode title = eventOf("ticket.created");
            title.putRawValue("title", new RawValue(text));
            run.refused("title = " + text, batch(run.storyWith(title)), 400, "invalid_value");
            ObjectNode label = eventOf(run.fuzz.nextBoolean() ? "ticket.created" : "ticket.state_changed");
            ((ObjectNode) label.get("state")).putRawValue("label", new RawValue(text));
            run.refused("state.label = " + text, batch(run.storyWith(label)), 400, "invalid_value");
        }
        run.nothingChanged(3 + 3 + 2 * notUnicode.size());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** Too deep is not JSON the service reads; nested arrays or objects where an event or a field goes are the wrong type. */
    private static final List<String> NESTED = List.of("invalid_json", "invalid_field");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deeplyNestedJsonIsRefusedAndChangesNothing(Backend backend) {
        Run run = new Run(backend);
        String story = batch(story());
        String events = story.substring("{\"events\":[".length(), story.length() - 2);

        run.refused("a body of 10k nested arrays", Hostile.nested(10_000), 400, NESTED);
        run.refused("a body of 100k nested arrays", Hostile.nested(100_000), 400, NESTED);
        run.refused("a body of 10k nested objects", Hostile.nestedObjects(10_000), 400, NESTED);
        run.refused("10k arrays never closed", "[".repeat(10_000), 400, NESTED);
        run.refused("events: 10k nested arrays", "{\"events\":" + Hostile.nested(10_000) + "}", 400, NESTED);
        run.refused("an event of 10k nested arrays", "{\"events\":[" + events + "," + Hostile.nested(10_000) + "]}", 400, NESTED);
        run.refused("an unknown field of 10k nested objects", "{\"events\":[" + events + "],\"x\":"
                + Hostile.nestedObjects(10_000) + "}", 400, "unknown_field");
        for (int i = 0; i < 40; i++) {
            String type = run.fuzz.pick(new ArrayList<>(SHAPES.keySet()));
            Field field = run.fuzz.pick(SHAPES.get(type));
            int depth = run.fuzz.pick(List.of(1_001, 5_000, 10_000, 50_000));
            ObjectNode event = eventOf(type);
            event.putRawValue(field.name(), new RawValue(run.fuzz.nextBoolean() ? Hostile.nested(depth)
                    : Hostile.nestedObjects(depth)));
            run.refused(type + "." + field.name() + " nested " + depth + " deep", batch(run.storyWith(event)), 400, NESTED);
        }
        run.nothingChanged(47);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyOverOneMebibyteIs413EvenStreamedAndAHugeStringUnderTheLimitIsRefusedForItsField(Backend backend) {
        Run run = new Run(backend);
        String key = run.api.workspace().apiKey();
        long tenMegabytes = 10L * 1024 * 1024;
        String valid = batch(story());
        String open = valid.substring(0, valid.length() - 2);

        // 10 MB streamed without a length: the rest of a string, whitespace, more of the same array
        run.check("10 MB streamed inside a title", RawHttp.stream(run.api, run.path(),
                (open + ",{\"type\":\"ticket.created\",\"title\":\"").getBytes(StandardCharsets.UTF_8), (byte) 'x',
                tenMegabytes, "Authorization", "Bearer " + key, "Content-Type", "application/json"), 413, "body_too_large");
        run.check("10 MB of whitespace streamed", RawHttp.stream(run.api, run.path(),
                (open + ",").getBytes(StandardCharsets.UTF_8), (byte) ' ', tenMegabytes, "Authorization", "Bearer " + key,
                "Content-Type", "application/json"), 413, "body_too_large");
        run.check("10 MB of bytes that are not UTF-8 streamed", RawHttp.stream(run.api, run.path(), new byte[0], (byte) 0xff,
                tenMegabytes, "Authorization", "Bearer " + key, "Content-Type", "application/json"), 400, "invalid_json");
        // a declared length over the limit is refused before the body is read
        run.check("Content-Length of 10 MB", RawHttp.socket(run.api, "POST " + run.path() + " HTTP/1.1",
                valid.getBytes(StandardCharsets.UTF_8), "Authorization: Bearer " + key, "Content-Type: application/json",
                "Content-Length: " + tenMegabytes), 413, "body_too_large");

        // a body of exactly the limit with a huge field is read, and refused for the field; one byte more is too large
        for (String field : List.of("title", "ticketId", "x-unknown")) {
            for (long size : List.of(BodySizeLimit.ONE_MIB, BodySizeLimit.ONE_MIB + 1)) {
                String body = withHugeField(field, (int) size);
                assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize((int) size);
                String code = size > BodySizeLimit.ONE_MIB ? "body_too_large"
                        : field.equals("title") ? "invalid_size" : field.equals("ticketId") ? "invalid_id" : "unknown_field";
                run.refused(size + " bytes with a huge " + field, body, size > BodySizeLimit.ONE_MIB ? 413 : 400, code);
            }
        }
        run.nothingChanged(10);
    }

    /** A story whose ticket.created has a field of 'x's making the body exactly {@code size} bytes. */
    private static String withHugeField(String field, int size) {
        List<ObjectNode> story = story();
        ObjectNode created = story.stream().filter(e -> e.get("type").asText().equals("ticket.created"))
                .findFirst().orElseThrow();
        created.put(field, "");
        String body = batch(story);
        created.put(field, "x".repeat(size - body.length()));
        return batch(story);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void invalidUtf8InAnEventIsRefusedWith400AndChangesNothing(Backend backend) {
        Run run = new Run(backend);
        String mark = "HOSTILE-BYTES";

        for (byte[] bytes : Hostile.INVALID_UTF8) {
            // in a title, in a label, in an id, in a field name, between tokens, in the type
            List<String> places = List.of("title", "label", "id", "name", "between", "type");
            for (String place : List.of(places.get(run.fuzz.nextInt(2)), run.fuzz.pick(places.subList(2, 6)))) {
                List<ObjectNode> story = story();
                ObjectNode created = story.stream().filter(e -> e.get("type").asText().equals("ticket.created"))
                        .findFirst().orElseThrow();
                ObjectNode target = run.fuzz.pick(story);
                switch (place) {
                    case "title" -> created.put("title", "Title " + mark + " end");
                    case "label" -> ((ObjectNode) created.get("state")).put("label", mark);
                    case "id" -> target.put("id", "e-" + mark);
                    case "name" -> target.put(mark, "x");
                    case "type" -> target.put("type", target.get("type").asText() + mark);
                    default -> { }
                }
                String body = batch(story);
                if (place.equals("between")) {
                    body = body.replaceFirst("\\[", "[" + mark);
                }
                String[] parts = body.split(mark, -1);
                byte[] hostile = Hostile.concat(parts[0], bytes, parts[1]);
                run.refused(Hostile.hex(bytes) + " in the " + place, hostile, 400, "invalid_json");
            }
        }
        run.nothingChanged(Hostile.INVALID_UTF8.size() * 2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void byteOrderMarksAnywhereButAtTheVeryStartAreRefusedAndChangeNothing(Backend backend) {
        Run run = new Run(backend);
        byte[] utf8Bom = Hostile.BOMS.get(0);

        for (byte[] bom : Hostile.BOMS) {
            String body = batch(story());
            int at = body.indexOf(',', run.fuzz.nextInt(body.length() / 2));
            run.refused("BOM " + Hostile.hex(bom) + " between tokens", Hostile.concat(body.substring(0, at + 1), bom,
                    body.substring(at + 1)), 400, "invalid_json");
            run.refused("BOM " + Hostile.hex(bom) + " after the body", Hostile.concat(batch(story()), bom), 400,
                    "invalid_json");
            run.refused("BOM " + Hostile.hex(bom) + " after a leading UTF-8 BOM", Hostile.concat(utf8Bom, bom, batch(story())),
                    400, "invalid_json");
        }
        for (byte[] bom : Hostile.BOMS.subList(1, Hostile.BOMS.size())) {
            run.refused("UTF-16/32 BOM " + Hostile.hex(bom) + " before UTF-8 JSON", Hostile.concat(bom, batch(story())),
                    400, "invalid_json");
        }
        run.refused("a leading BOM before a malformed body", Hostile.concat(utf8Bom, "{\"events\": ["), 400, "invalid_json");
        ObjectNode event = eventOf(run.fuzz.pick(new ArrayList<>(SHAPES.keySet())));
        run.refused("a BOM in an id", batch(run.storyWith(event.put("id", "\ufeff" + event.get("id").asText()))),
                400, "invalid_id");
        run.nothingChanged(Hostile.BOMS.size() * 4 + 1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unknownFieldsAnywhereAreRefusedAndChangeNothing(Backend backend) {
        Run run = new Run(backend);
        List<String> names = new ArrayList<>(List.of("priority", "Type", "TYPE", "ID", "Id", "OccurredAt", "occurred_at",
                "ticketid", "TicketId", "ticket_id", "ticketId ", " ticketId", "ticketId\u0000", "__proto__", "constructor",
                "prototype", "@class", "@type", "$type", "", " ", "\u0000", "events", "state.category", "sharedwithcustomer",
                "customer", "workspaceId", "ws", "\ufefftype", "t\u0301ype"));
        for (int i = 0; i < 20; i++) {
            names.add(Hostile.anyText(run.fuzz, run.fuzz.between(1, 12)));
        }

        for (String name : names) {
            List<ObjectNode> story = story();
            ObjectNode target = run.fuzz.pick(story);
            if (!SHAPES.get(target.get("type").asText()).stream().map(Field::name).toList().contains(name)) {
                target.put(name, run.fuzz.pick(List.of("x", "1")));
                run.refused("event field " + Hostile.shown(name), batch(story), 400, "unknown_field");
            }
            if (!name.equals("events")) {
                ObjectNode body = node(batch(story()));
                body.put(name, true);
                run.refused("batch field " + Hostile.shown(name), body.toString(), 400, "unknown_field");
            }
            if (!name.equals("category") && !name.equals("label")) {
                ObjectNode event = eventOf(run.fuzz.nextBoolean() ? "ticket.created" : "ticket.state_changed");
                ((ObjectNode) event.get("state")).put(name, "x");
                run.refused("state field " + Hostile.shown(name), batch(run.storyWith(event)), 400, "unknown_field");
            }
        }
        run.nothingChanged(names.size() * 2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void duplicateKeysAnywhereAreRefusedAndChangeNothing(Backend backend) {
        Run run = new Run(backend);

        for (int i = 0; i < 60; i++) {
            List<ObjectNode> story = story();
            int index = run.fuzz.nextInt(story.size());
            ObjectNode target = story.get(index);
            List<String> present = new ArrayList<>();
            target.fieldNames().forEachRemaining(present::add);
            String name = run.fuzz.pick(present);
            String again = run.fuzz.nextBoolean() ? target.get(name).toString() : run.fuzz.pick(List.of("\"x\"", "null", "7"));
            String text = target.toString();
            String duplicated = "{" + JSON.valueToTree(name) + ":" + again + "," + text.substring(1);
            String body = batch(story).replace(text, duplicated);
            // the same value twice is seen as a duplicate; a first value of its own may be refused first
            List<String> codes = again.equals(target.get(name).toString()) ? List.of("invalid_json")
                    : List.of("invalid_json", "invalid_field", "missing_field", "unknown_event_type");
            run.refused("events[" + index + "]." + name + " twice, first as " + Hostile.shown(again), body, 400, codes);
        }
        String body = batch(story());
        run.refused("events twice", "{\"events\":[]," + body.substring(1), 400, "invalid_json");
        run.refused("events twice, the same", body.substring(0, body.length() - 1) + "," + body.substring(1), 400,
                "invalid_json");
        List<ObjectNode> story = story();
        String created = story.get(1).toString();
        String state = story.get(1).get("state").toString();
        run.refused("state.category twice", batch(story).replace(created,
                created.replace(state, "{\"category\":\"resolved\"," + state.substring(1))), 400, "invalid_json");
        run.nothingChanged(63);
    }

    /** Whether the text is one JSON value, or none at all (an empty body), and nothing else. */
    private static boolean isJson(String text) {
        if (text.isBlank()) {
            return true;
        }
        try {
            JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void emptyTruncatedOrOtherwiseMalformedBodiesAreRefusedAndChangeNothing(Backend backend) {
        Run run = new Run(backend);
        String valid = batch(story());
        List<String> bodies = new ArrayList<>(List.of("", " ", "\r\n\t ", "null", "true", "1", "\"events\"", "[]", "{}",
                "{\"events\":{}}", "{\"events\":\"[]\"}", "{\"events\":null}", "{\"events\":[null]}", "[" + valid + "]",
                "{\"events\": [] /* comment */}", "// comment\n" + valid, "{'events': []}", "{events: []}",
                valid.replace("]}", ",]}"), valid.replace("}]", "},]"), valid + valid, valid + "x", valid + "}", valid + "]",
                valid + ",", valid + "\u0000", "\u0000" + valid, valid.replace("\"type\"", "\"ty\u0001pe\""),
                valid.replace("Ticket ", "Ticket\u0001"), valid.replace("Ticket ", "Ticket\n"), valid.replace(":", "="),
                valid.replace("\"events\"", "\"events\u0000\"")));
        for (int i = 0; i < 120; i++) {
            bodies.add(valid.substring(0, run.fuzz.nextInt(valid.length())));
        }
        for (String body : bodies) {
            // well-formed JSON of the wrong shape is refused for what is missing or wrong in it
            run.refused("body " + Hostile.shown(body), body, 400, isJson(body)
                    ? List.of("missing_field", "invalid_field", "invalid_batch_size") : List.of("invalid_json"));
        }
        for (String literal : Hostile.NOT_JSON_VALUES) {
            String type = run.fuzz.pick(new ArrayList<>(SHAPES.keySet()));
            Field field = run.fuzz.pick(SHAPES.get(type));
            ObjectNode event = eventOf(type);
            event.putRawValue(field.name(), new RawValue(literal));
            // a prefix of the text may be read as a value first ("0" of "0x10"), of the wrong type or as a type
            run.refused(type + "." + field.name() + " = " + Hostile.shown(literal), batch(run.storyWith(event)), 400,
                    "invalid_json", "invalid_field", "unknown_event_type", "missing_field");
        }
        run.nothingChanged(bodies.size() + Hostile.NOT_JSON_VALUES.size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyNotSentAsJsonOrAskingForAnotherFormatIsRefusedAndChangesNothing(Backend backend) {
        Run run = new Run(backend);
        String key = "Bearer " + run.api.workspace().apiKey();

        for (String type : List.of("text/plain", "application/xml", "text/xml", "text/json", "text/html",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
                "application/jsonp", "application/json-patch+json", "application/merge-patch+json", "application/x-json",
                "application/jsonl", "image/png")) {
            run.check("Content-Type " + type, RawHttp.send(run.api, "POST", run.path(),
                    batch(story()).getBytes(StandardCharsets.UTF_8), "Authorization", key, "Content-Type", type),
                    415, "unsupported_media_type");
        }
        run.check("no Content-Type", RawHttp.send(run.api, "POST", run.path(), batch(story()).getBytes(StandardCharsets.UTF_8),
                "Authorization", key), 415, "unsupported_media_type");
        for (String type : List.of("garbage", "application/", "/json", ";", "application/json; charset",
                "application/json; charset=\"", "a/b/c", "application json")) {
            run.check("Content-Type " + type, RawHttp.socket(run.api, "POST " + run.path() + " HTTP/1.1",
                    batch(story()).getBytes(StandardCharsets.UTF_8), "Authorization: " + key, "Content-Type: " + type,
                    "Content-Length: " + batch(story()).getBytes(StandardCharsets.UTF_8).length), List.of(400, 415),
                    List.of("bad_request", "unsupported_media_type"));
        }
        for (String accept : List.of("text/html", "application/xml", "image/png", "text/event-stream")) {
            run.check("Accept " + accept, RawHttp.send(run.api, "POST", run.path(),
                    batch(story()).getBytes(StandardCharsets.UTF_8), "Authorization", key, "Content-Type", "application/json",
                    "Accept", accept), 406, "not_acceptable");
        }
        run.nothingChanged(14 + 1 + 8 + 4);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void batchesOfNoneOrOverFiveHundredEventsAreRefusedAndChangeNothing(Backend backend) {
        Run run = new Run(backend);

        run.refused("no events", "{\"events\":[]}", 400, "invalid_batch_size");
        for (int size : List.of(EventBatch.MAX_EVENTS + 1, EventBatch.MAX_EVENTS + 1 + run.fuzz.nextInt(1000))) {
            List<ObjectNode> events = new ArrayList<>();
            while (events.size() < size) {
                events.addAll(story());
            }
            run.refused(size + " events", batch(events.subList(0, size)), 400, "invalid_batch_size");
        }
        run.refused("a null event", batch(run.storyWith(JSON.nullNode())), 400, "missing_field");
        for (String notAnEvent : List.of("\"ticket.created\"", "7", "true", "[]", "[{}]")) {
            run.refused("an event that is " + notAnEvent, batch(run.storyWith(JSON.getNodeFactory().rawValueNode(
                    new RawValue(notAnEvent)))), 400, "invalid_field", "missing_field");
        }
        run.nothingChanged(3 + 1 + 5);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anyMutationOfAValidBatchIsRefusedAsAWholeAndChangesNothing(Backend backend) {
        Run run = new Run(backend);
        int mutations = 300;

        for (int i = 0; i < mutations; i++) {
            List<JsonNode> story = new ArrayList<>(story());
            int index = run.fuzz.nextInt(story.size());
            ObjectNode event = (ObjectNode) story.get(index);
            Mutation mutation = mutate(run.fuzz, story, index);
            run.refused("mutation of events[" + index + "] " + event.get("type") + ": " + mutation.what(), batch(story),
                    400, mutation.codes());
        }
        run.nothingChanged(mutations);
    }

    /**
     * Changes the event at {@code index} so that no event type takes it any more; answers what it did.
     * Each way is invalid by construction: a required field gone or null; two fields of different kinds
     * swapped (a value of one kind is never valid as another in both places); another type whose fields
     * differ; a type no one knows; a field renamed; a value of the wrong type; the event not an object.
     */
    private static Mutation mutate(Fuzz fuzz, List<JsonNode> story, int index) {
        ObjectNode event = (ObjectNode) story.get(index);
        String type = event.get("type").asText();
        List<Field> fields = SHAPES.get(type);
        List<Field> present = fields.stream().filter(f -> event.has(f.name())).toList();
        List<Field> required = fields.stream().filter(Field::required).toList();
        switch (fuzz.nextInt(9)) {
            case 0 -> {
                Field field = fuzz.pick(required);
                event.remove(field.name());
                return new Mutation("without " + field.name(), "missing_field");
            }
            case 1 -> {
                Field field = fuzz.pick(required);
                event.putNull(field.name());
                return new Mutation(field.name() + " null", "missing_field");
            }
            case 2 -> {
                Field one = fuzz.pick(present);
                List<Field> others = present.stream().filter(f -> f.kind() != one.kind()).toList();
                Field other = fuzz.pick(others);
                JsonNode value = event.get(one.name());
                event.set(one.name(), event.get(other.name()));
                event.set(other.name(), value);
                return new Mutation(one.name() + " and " + other.name() + " swapped", "invalid_field",
                        "invalid_id", "invalid_time", "invalid_value", "unknown_event_type", "missing_field");
            }
            case 3 -> {
                Set<String> names = present.stream().map(Field::name).collect(Collectors.toSet());
                List<String> misfits = SHAPES.entrySet().stream().filter(e -> !fits(names, e.getValue()))
                        .map(Map.Entry::getKey).toList();
                String other = fuzz.pick(misfits);
                event.put("type", other);
                return new Mutation("type " + other, "unknown_field", "missing_field", "invalid_field");
            }
            case 4 -> {
                String unknown = fuzz.pick(List.of(type.toUpperCase(Locale.ROOT), " " + type, type + " ", type.replace('.', '_'),
                        type.replace(".", ""), type.substring(0, type.length() - 1), type + ".v2", "ticket", "ticket.*",
                        "*", "", "event", type + "\u0000", type.replace('e', '\u0435'), Hostile.anyText(fuzz, 8)));
                event.put("type", unknown);
                return new Mutation("type " + Hostile.shown(unknown), "unknown_event_type");
            }
            case 5 -> {
                Field field = fuzz.pick(present.stream().filter(f -> !f.name().equals("type")).toList());
                String renamed = fuzz.pick(Stream.of(field.name().toUpperCase(Locale.ROOT), field.name() + "s", "_" + field.name(),
                        field.name().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT), field.name().substring(1))
                        .filter(name -> !name.equals(field.name())).toList());
                event.set(renamed, event.remove(field.name()));
                return new Mutation(field.name() + " renamed " + renamed, "unknown_field", "missing_field");
            }
            case 6 -> {
                Field field = fuzz.pick(present);
                String value = fuzz.pick(wrongValuesFor(field));
                event.putRawValue(field.name(), new RawValue(value));
                return new Mutation(field.name() + " = " + Hostile.shown(value), codesForWrongValue(field, value));
            }
            case 7 -> {
                JsonNode replacement = fuzz.pick(List.of(JSON.getNodeFactory().textNode(event.toString()),
                        JSON.createArrayNode().add(event), JSON.getNodeFactory().numberNode(1),
                        JSON.getNodeFactory().booleanNode(true), JSON.createObjectNode().set("event", event)));
                story.set(index, replacement);
                return new Mutation("replaced by " + Hostile.shown(replacement.toString()), "invalid_field",
                        "missing_field");
            }
            default -> {
                Field field = fuzz.pick(present.stream().filter(f -> f.kind() == Kind.ID).toList());
                String id = Hostile.invalidId(fuzz);
                event.put(field.name(), id);
                return new Mutation(field.name() + " = " + Hostile.shown(id), "invalid_id");
            }
        }
    }

    /** What a mutation did, and the codes that refuse it (some mutations can be read as more than one mistake). */
    private record Mutation(String what, List<String> codes) {
        Mutation(String what, String code, String... orCodes) {
            this(what, Refusals.codes(code, orCodes));
        }
    }

    /** Whether an event with these fields is one of the type with these fields. */
    private static boolean fits(Set<String> names, List<Field> fields) {
        Set<String> allowed = fields.stream().map(Field::name).collect(Collectors.toSet());
        return allowed.containsAll(names)
                && names.containsAll(fields.stream().filter(Field::required).map(Field::name).toList());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileWorkspacesInThePathAreRefusedAndChangeNothing(Backend backend) {
        Run run = new Run(backend);
        String key = "Bearer " + run.api.workspace().apiKey();
        List<String> workspaces = new ArrayList<>(List.of("other", "w01", "nowhere", "DEMO", "Demo", "demo%20", "%20demo",
                "demo%09", "demo.", "demo..", "..", "%2e%2e", ".", "%2e", "demo%2F..%2Fother", "..%2Fother", "demo%00",
                "demo%0A",
                "demo%5C", "demo%C0%AF", "demo%E2%80%AE", "d%C3%A9mo", "%EF%BB%BFdemo", "demo" + "x".repeat(200),
                "*", "%2A", "demo%25", "demo%2Fevents", ""));
        for (int i = 0; i < 20; i++) {
            workspaces.add(Hostile.pathSegment(Hostile.invalidId(run.fuzz)));
        }
        for (String ws : workspaces) {
            run.check("workspace " + Hostile.shown(ws), RawHttp.send(run.api, "POST",
                    "/api/v1/workspaces/" + ws + "/events", batch(story()).getBytes(StandardCharsets.UTF_8),
                    "Authorization", key, "Content-Type", "application/json"), List.of(400, 403, 404, 414),
                    List.of("forbidden", "not_found", "bad_request", "invalid_id", "uri_too_long"));
        }
        for (String raw : List.of("demo%ZZ", "demo%", "demo%2", "de mo", "demo\"", "demo<>", "demo\\..\\other")) {
            byte[] body = batch(story()).getBytes(StandardCharsets.UTF_8);
            run.check("workspace " + Hostile.shown(raw) + " as sent", RawHttp.socket(run.api,
                    "POST /api/v1/workspaces/" + raw + "/events HTTP/1.1", body, "Authorization: " + key,
                    "Content-Type: application/json", "Content-Length: " + body.length), List.of(400, 404),
                    List.of("bad_request", "not_found"));
        }
        // A request line over the server's limit: Jetty answers 414 and closes the connection at once, so a
        // client still sending the body may see the connection closed instead; either way the server lives on.
        try {
            RawHttp.Response tooLong = RawHttp.send(run.api, "POST", "/api/v1/workspaces/" + "x".repeat(20_000)
                    + "/events", batch(story()).getBytes(StandardCharsets.UTF_8), "Authorization", key,
                    "Content-Type", "application/json");
            assertThat(tooLong.status()).as("a 20,000-character path").isBetween(400, 499);
        } catch (UncheckedIOException closed) {
            assertThat(RawHttp.send(run.api, "GET", "/api/v1/messenger/ping", null).status()).isEqualTo(401);
        }
        run.nothingChanged(workspaces.size() + 7);
    }
}
