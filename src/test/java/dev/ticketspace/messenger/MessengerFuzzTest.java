package dev.ticketspace.messenger;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.Fuzz;
import dev.ticketspace.support.Hostile;
import dev.ticketspace.support.RawHttp;
import dev.ticketspace.support.Refusals;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The messenger client API ({@code /api/v1/messenger...}), the back office's view of a customer and the
 * settings API under hostile query parameters, path ids, bodies, methods and formats, generated from a
 * seeded random source (every failure names the seed; {@code -Dticketspace.fuzz.seed=...} repeats a run).
 * Each request is refused with a 4xx and a JSON {@code {code, message}} body, never a 5xx, a stack trace
 * or a Java name, and the database is exactly as before.
 */
class MessengerFuzzTest {
    /** Characters no base64url text holds. */
    private static final List<String> NOT_BASE64URL = List.of("!", "%", "+", "/", "=", " ", "é", "\u0000", "|");
    private static final String TICKETS = "/api/v1/messenger/tickets";
    private static final String CONVERSATIONS = "/api/v1/messenger/conversations";
    /** How an id in a path that is no id is refused: as no id, as no path at all, or as too long. */
    private static final List<String> BAD_PATH_ID = List.of("invalid_id", "bad_request", "not_found", "uri_too_long");
    /** How a workspace in a path that is not the caller's is refused. */
    private static final List<String> BAD_WORKSPACE = List.of("invalid_id", "bad_request", "forbidden", "not_found",
            "uri_too_long");

    /** A customer with a shared ticket linked to a conversation with an unread teammate message: both lists have an entry. */
    private record Customer(Api api, String id, String ticket, String conversation) {
        static Customer of(Api api) {
            Customer customer = new Customer(api, Api.id("c"), Api.id("t"), Api.id("conv"));
            api.apply(conversationCreated(customer.conversation, customer.id, 1),
                    ticketCreated(customer.ticket, customer.id, customer.conversation, 2),
                    message(customer.conversation, "teammate", 3));
            return customer;
        }

        RawHttp.Response call(String method, String pathAndQuery, byte[] body, String... headers) {
            List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + api.token(id)));
            all.addAll(List.of(headers));
            return RawHttp.send(api, method, pathAndQuery, body, all.toArray(String[]::new));
        }
    }

    /** One test's cases: each a refusal, and the database unchanged after all of them. */
    private static final class Cases {
        final Fuzz fuzz = Fuzz.start();
        final Fingerprint before;
        int count;

        Cases(Backend backend) {
            before = Fingerprint.of(backend);
        }

        void refused(String what, RawHttp.Response response, int status, String code, String... orCodes) {
            count++;
            Refusals.assertRefused(response, status, fuzz.at(what), code, orCodes);
        }

        /** Refused with one of the statuses and one of the codes. */
        void refused(String what, RawHttp.Response response, List<Integer> statuses, List<String> codes) {
            count++;
            Refusals.assertRefused(response, statuses, fuzz.at(what), codes);
        }

        void nothingChanged(int atLeast) {
            before.assertUnchanged(fuzz.at("all " + count + " cases"));
            assertThat(count).as("cases run").isGreaterThanOrEqualTo(atLeast);
        }
    }

    private static String query(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Limits that are not a whole number from 1 to 100. */
    private static List<String> hostileLimits(Fuzz fuzz) {
        List<String> limits = new ArrayList<>(List.of("0", "-1", "-0", "101", "1000000", "2147483647", "2147483648",
                "-2147483649", "9223372036854775808", "99999999999999999999", "1e2", "1.5", "20.0", "abc", "", " ", "0x10",
                "NaN", "Infinity", " 5", "5 ", "5;", "5,6", "\u0000", "twenty", "%", "${limit}", "5' OR '1'='1"));
        for (int i = 0; i < 10; i++) {
            int over = MessengerService.MAX_PAGE_SIZE + 1;
            limits.add(Integer.toString(fuzz.nextBoolean() ? -fuzz.nextInt(Integer.MAX_VALUE)
                    : over + fuzz.nextInt(Integer.MAX_VALUE - over)));
            limits.add(Hostile.anyText(fuzz, fuzz.between(1, 8)));
        }
        return limits.stream().filter(limit -> !isPageSize(limit)).toList();
    }

    private static boolean isPageSize(String limit) {
        try {
            int size = Integer.parseInt(limit);
            return size >= 1 && size <= MessengerService.MAX_PAGE_SIZE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Cursors this API never returns, by construction rather than by the API's own check: text holding a
     * character outside base64url, padded or standard base64, and base64url of text that is no position
     * (a next cursor is base64url without padding, for a position in the list). Random bytes encoded in
     * base64url are almost surely no position either; were one accepted, the test would fail and show it.
     */
    private static List<String> hostileCursors(Fuzz fuzz) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        List<String> cursors = new ArrayList<>(List.of("", "!!!", "%", "====", "a", "a=b", "../", "\u0000", "null",
                "' OR 1=1 --", "A".repeat(5000)));
        for (String inside : List.of("", "1|2", "a|b|c", "1|2|bad id", "1|2|x|y", "99999999999999999999|1|x", "1|2|",
                "1|2|" + "x".repeat(129), "1.5|2|x", " 1|2|x", "1|2|x\u0000", "||", "1|2|é")) {
            cursors.add(base64.encodeToString(inside.getBytes(StandardCharsets.UTF_8)));
            cursors.add(Base64.getEncoder().encodeToString(inside.getBytes(StandardCharsets.UTF_8)) + "+/");
        }
        for (int i = 0; i < 30; i++) {
            byte[] bytes = new byte[fuzz.between(1, 64)];
            fuzz.random().nextBytes(bytes);
            String text = Hostile.anyText(fuzz, fuzz.between(1, 30));
            int at = text.offsetByCodePoints(0, fuzz.nextInt(text.codePointCount(0, text.length()) + 1));
            cursors.add(fuzz.nextBoolean() ? base64.encodeToString(bytes)
                    : text.substring(0, at) + fuzz.pick(NOT_BASE64URL) + text.substring(at));
        }
        return cursors;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileLimitsAndCursorsOnTheListsAreRefusedWith400AndChangeNothing(Backend backend) {
        Customer customer = Customer.of(Api.demo(backend));
        Cases cases = new Cases(backend);
        List<String> limits = hostileLimits(cases.fuzz);
        List<String> cursors = hostileCursors(cases.fuzz);

        for (String list : List.of(TICKETS, CONVERSATIONS)) {
            for (String limit : limits) {
                String path = list + "?" + query("limit", limit)
                        + (cases.fuzz.nextBoolean() ? "&" + query("cursor", cases.fuzz.pick(cursors)) : "");
                cases.refused(path, customer.call("GET", path, null), 400, "invalid_limit");
            }
            for (String cursor : cursors) {
                String path = list + "?" + query("cursor", cursor)
                        + (cases.fuzz.nextBoolean() ? "&" + query("limit", Integer.toString(cases.fuzz.between(1, 100))) : "");
                cases.refused(path, customer.call("GET", path, null), 400, "invalid_cursor");
            }
        }
        cases.nothingChanged(2 * (limits.size() + cursors.size()));
        // the lists themselves are fine
        assertThat(customer.call("GET", TICKETS, null).status()).isEqualTo(200);
        assertThat(customer.call("GET", CONVERSATIONS + "?limit=1", null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void queryParametersNoCallTakesAreIgnoredAndChangeNothing(Backend backend) {
        Customer customer = Customer.of(Api.demo(backend));
        Cases cases = new Cases(backend);
        String state = customer.call("GET", "/api/v1/messenger", null).body();

        for (int i = 0; i < 60; i++) {
            String name = cases.fuzz.pick(List.of("customerId", "sub", "ws", "workspaceId", "explain", "limit", "cursor",
                    "version", "customer", "ticket", Hostile.anyText(cases.fuzz, cases.fuzz.between(1, 10))));
            String value = cases.fuzz.pick(List.of("other", "true", "-1", "../x", "", Hostile.invalidId(cases.fuzz),
                    Hostile.anyText(cases.fuzz, cases.fuzz.between(1, 200))));
            String path = "/api/v1/messenger?" + query(name, value) + "&" + query(name, value + "2");
            RawHttp.Response response = customer.call("GET", path, null);
            cases.count++;
            assertThat(response.status()).as("%s: %s", cases.fuzz.at(path), response).isEqualTo(200);
            assertThat(response.body()).as(cases.fuzz.at(path)).isEqualTo(state);
        }
        cases.nothingChanged(60);
    }

    /** An id as it goes in a path (percent-encoded, or as given), and as it is shown in failures. */
    private record PathId(String segment, String shown) {
    }

    /**
     * Ids that are not ids, for a path: refused with 400 (by the id check, or by Jetty for what it takes for
     * a path trick) or 414 when too long; never a 404, which would mean the id got through to a lookup. The
     * empty id is left out: an empty segment makes another path, which may name no resource at all.
     */
    private static List<PathId> hostilePathIds(Fuzz fuzz) {
        List<PathId> ids = new ArrayList<>();
        for (String id : Hostile.IDS) {
            if (!id.isEmpty()) {
                ids.add(new PathId(Hostile.pathSegment(id), Hostile.shown(id)));
            }
        }
        while (ids.size() < Hostile.IDS.size() + 40) {
            String id = Hostile.invalidId(fuzz);
            if (!id.isEmpty()) {
                ids.add(new PathId(Hostile.pathSegment(id), Hostile.shown(id)));
            }
        }
        for (String segment : List.of("%2F", "a%2Fb", "%2E%2E%2F", "%2e", "%2e%2e", "a%00", "%C0%AF", "%ED%A0%80",
                "%F4%90%80%80", "%FF", "%E2%80%AE", "%5C", "a%3Bb", "%20", "%09", "x".repeat(129), "x".repeat(9000),
                "%" + "41".repeat(129))) {
            ids.add(new PathId(segment, "as sent: " + segment));
        }
        return ids;
    }

    /** A body the read calls do not take: nothing, garbage, bytes that are not UTF-8, JSON of another call. */
    private static byte[] hostileBody(Fuzz fuzz) {
        return switch (fuzz.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> Hostile.concat("{\"events\":[", fuzz.pick(Hostile.INVALID_UTF8), "]}");
            case 2 -> Hostile.anyText(fuzz, fuzz.between(1, 300)).getBytes(StandardCharsets.UTF_8);
            case 3 -> Hostile.nested(5_000).getBytes(StandardCharsets.UTF_8);
            default -> Hostile.concat("{\"customerId\":\"" + Api.id("c") + "\",\"readAt\":\"2999-01-01T00:00:00Z\"}");
        };
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileIdsAndBodiesInTheReadCallsAreRefusedAndChangeNothing(Backend backend) {
        Customer customer = Customer.of(Api.demo(backend));
        Cases cases = new Cases(backend);
        List<PathId> ids = hostilePathIds(cases.fuzz);

        for (String kind : List.of("tickets", "conversations")) {
            for (PathId id : ids) {
                String path = "/api/v1/messenger/" + kind + "/" + id.segment() + "/read";
                String type = cases.fuzz.pick(List.of("application/json", "text/plain", "application/octet-stream"));
                cases.refused(kind + " read of " + id.shown() + " (" + type + ")",
                        customer.call("POST", path, hostileBody(cases.fuzz), "Content-Type", type), List.of(400, 414),
                        BAD_PATH_ID);
            }
            // ids that are ids, but of nothing of the customer's: unknown, whatever the body
            String unknown = "unknown_" + kind.substring(0, kind.length() - 1);
            for (String id : List.of(".", "..", "...", "-", ":", "_", Api.id("x"), "x".repeat(128), customer.ticket + "x",
                    customer.conversation.toUpperCase(Locale.ROOT), kind.equals("tickets") ? customer.conversation : customer.ticket)) {
                cases.refused(kind + " read of the id " + id, customer.call("POST", "/api/v1/messenger/" + kind + "/" + id
                        + "/read", hostileBody(cases.fuzz), "Content-Type", "application/json"), 404, unknown);
            }
            cases.refused(kind + " read with a declared body of 10 MB", RawHttp.socket(customer.api,
                    "POST /api/v1/messenger/" + kind + "/" + (kind.equals("tickets") ? customer.ticket : customer.conversation)
                            + "/read HTTP/1.1", new byte[0], "Authorization: Bearer " + customer.api.token(customer.id),
                    "Content-Type: application/json", "Content-Length: 10485760"), 413, "body_too_large");
        }
        cases.nothingChanged(2 * (ids.size() + 12));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongMethodsAndFormatsAreRefusedAndChangeNothing(Backend backend) {
        Customer customer = Customer.of(Api.demo(backend));
        Api settings = Api.isolated(backend);
        Cases cases = new Cases(backend);
        String key = "Bearer " + settings.workspace().apiKey();
        String demoKey = "Bearer " + customer.api.workspace().apiKey();
        String token = "Bearer " + customer.api.token(customer.id);
        String ws = "/api/v1/workspaces/" + settings.workspaceId();
        // each call, its credential, and the methods it does not take
        List<String[]> calls = List.of(
                new String[] {"/api/v1/messenger", token, "POST PUT DELETE PATCH TRACE FOO"},
                new String[] {TICKETS, token, "PUT DELETE PATCH"},
                new String[] {CONVERSATIONS, token, "POST PUT DELETE PATCH"},
                new String[] {"/api/v1/messenger/stream", token, "POST PUT DELETE PATCH"},
                new String[] {TICKETS + "/" + customer.ticket + "/read", token, "GET PUT DELETE PATCH"},
                new String[] {CONVERSATIONS + "/" + customer.conversation + "/read", token, "GET PUT DELETE PATCH"},
                new String[] {ws + "/messenger/settings", key, "POST PUT DELETE PATCH TRACE"},
                new String[] {ws + "/messenger/home-apps/news", key, "GET POST PATCH"},
                new String[] {ws + "/events", key, "GET PUT DELETE PATCH"},
                new String[] {"/api/v1/workspaces/demo/customers/" + customer.id + "/messenger", demoKey,
                        "POST PUT DELETE PATCH"});

        for (String[] call : calls) {
            for (String method : call[2].split(" ")) {
                cases.refused(method + " " + call[0], RawHttp.send(customer.api, method, call[0],
                        Hostile.concat("{}"), "Authorization", call[1], "Content-Type", "application/json"), 405,
                        "method_not_allowed");
            }
        }
        for (String accept : List.of("text/html", "application/xml", "image/png")) {
            for (String path : List.of("/api/v1/messenger", TICKETS, CONVERSATIONS)) {
                cases.refused("Accept " + accept + " on " + path, customer.call("GET", path, null, "Accept", accept),
                        406, "not_acceptable");
            }
            cases.refused("Accept " + accept + " on a ticket read", customer.call("POST", TICKETS + "/" + customer.ticket
                    + "/read", null, "Accept", accept), 406, "not_acceptable");
            cases.refused("Accept " + accept + " on a home app", RawHttp.send(settings, "PUT", ws + "/messenger/home-apps/news",
                    null, "Authorization", key, "Accept", accept), 406, "not_acceptable");
        }
        cases.nothingChanged(calls.stream().mapToInt(call -> call[2].split(" ").length).sum() + 3 * 5);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileIdsAndWorkspacesInTheSettingsApiAreRefusedAndChangeNothing(Backend backend) {
        Api api = Api.isolated(backend);
        Api other = new Api(backend.app(), "other");
        String settings = api.settings().body();
        String otherSettings = other.settings().body();
        Cases cases = new Cases(backend);
        String key = "Bearer " + api.workspace().apiKey();
        String ws = "/api/v1/workspaces/" + api.workspaceId();

        for (PathId app : hostilePathIds(cases.fuzz)) {
            String method = cases.fuzz.pick(List.of("PUT", "DELETE"));
            cases.refused(method + " home app " + app.shown(), RawHttp.send(api, method, ws + "/messenger/home-apps/"
                    + app.segment(), hostileBody(cases.fuzz), "Authorization", key, "Content-Type", "application/json"),
                    List.of(400, 414), BAD_PATH_ID);
        }
        List<String> workspaces = new ArrayList<>(List.of("other", "demo", api.workspaceId().toUpperCase(Locale.ROOT),
                api.workspaceId() + "%20", "%20" + api.workspaceId(), api.workspaceId() + "%2F..%2Fother", "..", "%2e%2e",
                api.workspaceId() + "%00", "x".repeat(9000), "*"));
        for (int i = 0; i < 15; i++) {
            workspaces.add(Hostile.pathSegment(Hostile.invalidId(cases.fuzz)));
        }
        for (String segment : workspaces) {
            String base = "/api/v1/workspaces/" + segment + "/messenger";
            cases.refused("GET settings of " + segment, RawHttp.send(api, "GET", base + "/settings", null,
                    "Authorization", key), List.of(400, 403, 404, 414),
                    BAD_WORKSPACE);
            cases.refused("PUT news in " + segment, RawHttp.send(api, "PUT", base + "/home-apps/news", null,
                    "Authorization", key), List.of(400, 403, 404, 414),
                    BAD_WORKSPACE);
            cases.refused("DELETE tickets in " + segment, RawHttp.send(api, "DELETE", base + "/home-apps/tickets",
                    null, "Authorization", key), List.of(400, 403, 404, 414),
                    BAD_WORKSPACE);
        }
        cases.refused("PUT with a declared body of 10 MB", RawHttp.socket(api,
                "PUT " + ws + "/messenger/home-apps/news HTTP/1.1", new byte[0], "Authorization: " + key,
                "Content-Type: application/json", "Content-Length: 10485760"), 413, "body_too_large");
        cases.nothingChanged(hostilePathIds(cases.fuzz).size() + 3 * workspaces.size() + 1);
        assertThat(api.settings().body()).isEqualTo(settings);
        assertThat(other.settings().body()).isEqualTo(otherSettings);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileCustomerIdsInTheBackOfficeViewAreRefusedAndChangeNothing(Backend backend) {
        Api api = Api.demo(backend);
        Cases cases = new Cases(backend);
        String key = "Bearer " + api.workspace().apiKey();

        List<PathId> ids = hostilePathIds(cases.fuzz);
        for (PathId id : ids) {
            cases.refused("view of customer " + id.shown(), RawHttp.send(api, "GET",
                    "/api/v1/workspaces/demo/customers/" + id.segment() + "/messenger?explain=true", null,
                    "Authorization", key), List.of(400, 414), BAD_PATH_ID);
        }
        cases.nothingChanged(ids.size());
    }
}
