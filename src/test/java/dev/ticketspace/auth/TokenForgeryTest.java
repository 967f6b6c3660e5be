package dev.ticketspace.auth;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketspace.messenger.SseStream;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Fingerprint;
import dev.ticketspace.support.RawHttp;
import dev.ticketspace.support.Refusals;
import dev.ticketspace.support.Tokens;
import dev.ticketspace.support.Victim;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forged customer tokens and confused credentials, beyond TokenTest: other algorithms (RS256, ES256,
 * HS384, HS512, an HS256 keyed with a public key), claims that are not yet valid or not numbers, a
 * {@code crit} header, encrypted tokens, API keys and customer tokens swapped, API keys that are almost
 * the key. Each is a 401 with a JSON error on every call it is tried on, shows nothing of the victim, and
 * changes nothing in the database; its well-formed counterpart is accepted, so it is the forgery that
 * is refused. Then the cross-customer matrix: one customer's valid token never shows or changes another
 * customer's data on any messenger call, live stream included.
 */
@Timeout(60)
class TokenForgeryTest {
    private static final HttpClient HTTP = SseStream.httpClient(null);
    /** "At once", and "soon" for a change through the change log (polled every 250 ms). */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);
    /** Long enough for a wrongly sent change to show up. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    /** Every messenger client call: method and path, the ones with ids naming the victim's. */
    private static List<String[]> messengerCalls(Victim victim) {
        return List.of(
                new String[] {"GET", "/api/v1/messenger"},
                new String[] {"GET", "/api/v1/messenger/tickets"},
                new String[] {"GET", "/api/v1/messenger/conversations"},
                new String[] {"GET", "/api/v1/messenger/stream"},
                new String[] {"POST", "/api/v1/messenger/tickets/" + victim.ticket() + "/read"},
                new String[] {"POST", "/api/v1/messenger/conversations/" + victim.conversation() + "/read"});
    }

    private static RawHttp.Response call(Api api, String token, String method, String path) {
        List<String> headers = new ArrayList<>(List.of("Accept",
                path.endsWith("/stream") ? "text/event-stream" : "application/json"));
        if (token != null) {
            headers.addAll(List.of("Authorization", "Bearer " + token));
        }
        return RawHttp.send(api, method, path, method.equals("POST") ? new byte[0] : null, headers.toArray(String[]::new));
    }

    /** Every messenger call with the token is a 401 invalid_token naming nothing of the victim. */
    private static void assertRefusedEverywhere(Api api, String token, Victim victim, String what) {
        for (String[] call : messengerCalls(victim)) {
            RawHttp.Response response = call(api, token, call[0], call[1]);
            Refusals.assertRefused(response, 401, what + ": " + call[0] + " " + call[1], "invalid_token");
            for (String id : victim.ids()) {
                assertThat(response.body()).as(what).doesNotContain(id);
            }
        }
    }

    /** The token is taken: the victim's state comes back. */
    private static void assertAccepted(Api api, String token, Victim victim, String what) {
        RawHttp.Response response = call(api, token, "GET", "/api/v1/messenger");
        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(200);
        assertThat(response.reply().json().get("customerId").asText()).isEqualTo(victim.customer());
    }

    private static String secretOf(Api api) {
        return api.workspace().messengerSecret();
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(RSAPublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tokensSignedWithAPublicKeyAlgorithmAreRefused(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        JWTClaimsSet claims = Tokens.valid("demo", victim.customer());
        KeyPair rsa = keyPair("RSA");
        RSAPublicKey rsaPublic = (RSAPublicKey) rsa.getPublic();

        assertRefusedEverywhere(api, Tokens.sign(Tokens.header(JWSAlgorithm.RS256), claims, new RSASSASigner(rsa.getPrivate())),
                victim, "RS256 with an attacker's RSA key");
        // the attacker's public key carried along in the header, or pointed at, for the server to trust
        JWSHeader withJwk = new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(new RSAKey.Builder(rsaPublic).build()).build();
        assertRefusedEverywhere(api, Tokens.sign(withJwk, claims, new RSASSASigner(rsa.getPrivate())), victim,
                "RS256 with its key in a jwk header");
        JWSHeader withJku = new JWSHeader.Builder(JWSAlgorithm.RS256).jwkURL(URI.create("http://127.0.0.1:9/keys.json"))
                .keyID("attacker").build();
        assertRefusedEverywhere(api, Tokens.sign(withJku, claims, new RSASSASigner(rsa.getPrivate())), victim,
                "RS256 with a jku and kid");
        assertRefusedEverywhere(api, Tokens.sign(Tokens.header(JWSAlgorithm.PS256), claims, new RSASSASigner(rsa.getPrivate())),
                victim, "PS256 with an attacker's RSA key");
        KeyPair ec = keyPair("EC");
        assertRefusedEverywhere(api, Tokens.sign(Tokens.header(JWSAlgorithm.ES256), claims,
                new ECDSASigner((ECPrivateKey) ec.getPrivate(), Curve.P_256)), victim, "ES256 with an attacker's EC key");

        assertAccepted(api, Tokens.hs256(Tokens.json(claims), secretOf(api)), victim, "the same claims, HS256 with the secret");
        before.assertUnchanged("public key tokens");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anHs256TokenKeyedWithAPublicKeyIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        String claims = Tokens.json(Tokens.valid("demo", victim.customer()));
        RSAPublicKey publicKey = (RSAPublicKey) keyPair("RSA").getPublic();

        // the classic confusion: a verifier that takes the header's alg would check this HMAC with its "public key"
        assertRefusedEverywhere(api, Tokens.mac("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256",
                pem(publicKey).getBytes(StandardCharsets.US_ASCII)), victim, "HS256 keyed with a PEM public key");
        assertRefusedEverywhere(api, Tokens.mac("{\"alg\":\"HS256\"}", claims, "HmacSHA256", publicKey.getEncoded()), victim,
                "HS256 keyed with a DER public key");
        assertRefusedEverywhere(api, Tokens.mac("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256",
                secretOf(api).getBytes(StandardCharsets.UTF_8)), victim, "alg RS256 over an HMAC with the secret");

        assertAccepted(api, Tokens.mac("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256",
                secretOf(api).getBytes(StandardCharsets.UTF_8)), victim, "the same, keyed with the secret");
        before.assertUnchanged("tokens keyed with a public key");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void onlyHs256IsTakenEvenWithTheWorkspacesSecret(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        String claims = Tokens.json(Tokens.valid("demo", victim.customer()));
        byte[] secret = secretOf(api).getBytes(StandardCharsets.UTF_8);

        // CustomerTokens takes HS256 only: the same secret under another HMAC is refused
        assertRefusedEverywhere(api, Tokens.mac("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", claims, "HmacSHA384", secret), victim,
                "HS384 with the secret");
        assertRefusedEverywhere(api, Tokens.mac("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims, "HmacSHA512", secret), victim,
                "HS512 with the secret");
        // an alg that is almost HS256
        for (String alg : List.of("hs256", "HS256 ", " HS256", "HS-256", "HS2560", "HS256\\u0000", "")) {
            assertRefusedEverywhere(api, Tokens.mac("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", claims, "HmacSHA256", secret),
                    victim, "alg '" + alg + "' with an HS256 MAC");
        }
        assertRefusedEverywhere(api, Tokens.mac("{\"alg\":[\"HS256\"]}", claims, "HmacSHA256", secret), victim, "alg an array");
        assertRefusedEverywhere(api, Tokens.mac("{\"typ\":\"JWT\"}", claims, "HmacSHA256", secret), victim, "no alg");

        assertAccepted(api, Tokens.mac("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", secret), victim,
                "HS256 with the secret");
        before.assertUnchanged("other MAC algorithms");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenNotYetValidIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(Tokens.valid("demo", victim.customer()));

        assertRefusedEverywhere(api, Tokens.hs256(Tokens.json(claims.notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                .build()), secretOf(api)), victim, "nbf in an hour");
        assertRefusedEverywhere(api, Tokens.hs256(Tokens.json(claims.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .build()), secretOf(api)), victim, "nbf in five minutes (past the clock skew)");

        assertAccepted(api, Tokens.hs256(Tokens.json(claims.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .build()), secretOf(api)), victim, "nbf a minute ago");
        before.assertUnchanged("tokens not yet valid");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void timeClaimsThatAreNotNumbersAreRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        long now = Instant.now().getEpochSecond();
        String base = "{\"sub\":\"" + victim.customer() + "\",\"ws\":\"demo\",\"iat\":" + now;

        for (String exp : List.of("\"" + (now + 600) + "\"", "\"2999-01-01T00:00:00Z\"", "true", "null", "{}",
                "[" + (now + 600) + "]", "\"\"", "1e400", "-1", "0", "18446744073709551616", "\"NaN\"")) {
            assertRefusedEverywhere(api, Tokens.hs256(base + ",\"exp\":" + exp + "}", secretOf(api)), victim, "exp " + exp);
        }
        String exp = ",\"exp\":" + (now + 600);
        for (String claim : List.of("\"iat\":\"" + now + "\"", "\"nbf\":\"" + now + "\"", "\"nbf\":true", "\"iat\":[1]")) {
            String payload = "{\"sub\":\"" + victim.customer() + "\",\"ws\":\"demo\"" + exp + "," + claim + "}";
            assertRefusedEverywhere(api, Tokens.hs256(payload, secretOf(api)), victim, claim);
        }
        // (a number as sub is read as its text by Nimbus, as many issuers send one: not tried here)
        for (String claim : List.of("\"sub\":null", "\"sub\":true", "\"sub\":[\"" + victim.customer() + "\"]", "\"ws\":null",
                "\"ws\":7", "\"ws\":[\"demo\"]", "\"ws\":{\"id\":\"demo\"}")) {
            String payload = "{" + claim + "," + (claim.startsWith("\"sub\"") ? "\"ws\":\"demo\"" : "\"sub\":\""
                    + victim.customer() + "\"") + ",\"iat\":" + now + exp + "}";
            assertRefusedEverywhere(api, Tokens.hs256(payload, secretOf(api)), victim, claim);
        }

        assertAccepted(api, Tokens.hs256(base + exp + "}", secretOf(api)), victim, "exp a number");
        before.assertUnchanged("claims that are not numbers");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenWithACritHeaderIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        String claims = Tokens.json(Tokens.valid("demo", victim.customer()));
        byte[] secret = secretOf(api).getBytes(StandardCharsets.UTF_8);

        // RFC 7515 4.1.11: a critical extension the recipient does not understand makes the token invalid
        // (an empty list names none, and the RFC leaves it to the recipient: it is not tried here)
        for (String header : List.of("{\"alg\":\"HS256\",\"crit\":[\"urn:example:scope\"],\"urn:example:scope\":\"all\"}",
                "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":9999999999}",
                "{\"alg\":\"HS256\",\"crit\":\"urn:example:scope\"}", "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}")) {
            assertRefusedEverywhere(api, Tokens.mac(header, claims, "HmacSHA256", secret), victim, "header " + header);
        }

        assertAccepted(api, Tokens.mac("{\"alg\":\"HS256\"}", claims, "HmacSHA256", secret), victim, "no crit");
        before.assertUnchanged("crit headers");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void encryptedOrFivePartTokensAreRefused(Backend backend) throws JOSEException {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        JWTClaimsSet claims = Tokens.valid("demo", victim.customer());
        String signed = Tokens.sign(Tokens.header(JWSAlgorithm.HS256), claims,
                new MACSigner(secretOf(api).getBytes(StandardCharsets.UTF_8)));
        byte[] key = sha256(secretOf(api));

        EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims);
        encrypted.encrypt(new DirectEncrypter(key));
        assertRefusedEverywhere(api, encrypted.serialize(), victim, "a JWE of the claims, keyed from the secret");
        JWEObject nested = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).contentType("JWT")
                .build(), new Payload(signed));
        nested.encrypt(new DirectEncrypter(key));
        assertRefusedEverywhere(api, nested.serialize(), victim, "a JWE holding a valid token");
        String header = Tokens.part("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}");
        assertRefusedEverywhere(api, header + "..AAAA.AAAA.AAAA", victim, "a JWE-looking token of nothing");
        assertRefusedEverywhere(api, "a.b.c.d.e", victim, "five parts of garbage");
        assertRefusedEverywhere(api, signed + ".x.y", victim, "a valid token and two parts more");
        assertRefusedEverywhere(api, signed + ".", victim, "a valid token and an empty part");
        assertRefusedEverywhere(api, signed.substring(0, signed.lastIndexOf('.')), victim,
                "a valid token without its signature");

        assertAccepted(api, signed, victim, "the signed token alone");
        before.assertUnchanged("encrypted tokens");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every back-office call, with the method, path and body it takes. */
    private static List<String[]> backOfficeCalls(Api api, Victim victim) {
        String ws = "/api/v1/workspaces/" + api.workspaceId();
        return List.of(
                new String[] {"POST", ws + "/events", "{\"events\":[" + stateChanged(victim.ticket(), "resolved", 9) + "]}"},
                new String[] {"GET", ws + "/messenger/settings", null},
                new String[] {"PUT", ws + "/messenger/home-apps/news", ""},
                new String[] {"DELETE", ws + "/messenger/home-apps/tickets", null},
                new String[] {"GET", ws + "/customers/" + victim.customer() + "/messenger?explain=true", null});
    }

    private static void assertUnauthorizedOnEveryBackOfficeCall(Api api, Victim victim, String authorization, String what) {
        for (String[] call : backOfficeCalls(api, victim)) {
            RawHttp.Response response = RawHttp.send(api, call[0], call[1],
                    call[2] == null ? null : call[2].getBytes(StandardCharsets.UTF_8),
                    "Authorization", authorization, "Content-Type", "application/json");
            Refusals.assertRefused(response, 401, what + ": " + call[0] + " " + call[1], "unauthorized");
            for (String id : victim.ids()) {
                assertThat(response.body()).as(what).doesNotContain(id);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void apiKeysAndCustomerTokensAreNotInterchangeableOnAnyCall(Backend backend) {
        Api api = Api.isolated(backend);
        Victim victim = Victim.of(api);
        Api demo = Api.demo(backend);
        Fingerprint before = Fingerprint.of(backend);

        assertRefusedEverywhere(api, api.workspace().apiKey(), victim, "the workspace's API key as a customer token");
        assertRefusedEverywhere(api, demo.workspace().apiKey(), victim, "another workspace's API key as a customer token");
        assertRefusedEverywhere(api, secretOf(api), victim, "the messenger secret as a customer token");
        assertUnauthorizedOnEveryBackOfficeCall(api, victim, "Bearer " + api.token(victim.customer()),
                "the victim's customer token");
        assertUnauthorizedOnEveryBackOfficeCall(api, victim, "Bearer " + secretOf(api), "the messenger secret as an API key");

        before.assertUnchanged("swapped credentials");
        assertThat(RawHttp.send(api, "GET", "/api/v1/workspaces/" + api.workspaceId() + "/messenger/settings", null,
                "Authorization", "Bearer " + api.workspace().apiKey()).status()).as("the key itself").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void apiKeysThatAreAlmostTheKeyAreRefused(Backend backend) {
        Api api = Api.isolated(backend);
        Victim victim = Victim.of(api);
        Fingerprint before = Fingerprint.of(backend);
        String key = api.workspace().apiKey();
        String flipped = Character.isUpperCase(key.charAt(0)) ? key.substring(0, 1).toLowerCase(Locale.ROOT) + key.substring(1)
                : key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1);

        for (String credential : List.of(key.toUpperCase(Locale.ROOT), flipped, key.substring(0, key.length() - 1),
                key.substring(0, key.length() / 2), key.substring(0, 1), key + "x", key + "%20", key + "\\t", key + ",",
                key + ";", " " + key, key.replace("-", "_"), key.substring(1), key + key,
                Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(key, StandardCharsets.UTF_8).replace("-", "%2D"))) {
            assertUnauthorizedOnEveryBackOfficeCall(api, victim, "Bearer " + credential, "API key '" + credential + "'");
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        for (String authorization : List.of(basic, "Token " + key, "Bearer" + key, key, "Bearer", "Bearer ")) {
            assertUnauthorizedOnEveryBackOfficeCall(api, victim, authorization, "Authorization '" + authorization + "'");
        }
        // not what HttpClient sends: characters outside ASCII after the key, and a second header
        String settings = "GET /api/v1/workspaces/" + api.workspaceId() + "/messenger/settings HTTP/1.1";
        for (String suffix : List.of("\u00a0", asSent("\u3000"), asSent("\u200b"))) {
            Refusals.assertRefused(RawHttp.socket(api, settings, null, "Authorization: Bearer " + key + suffix), 401,
                    "the key and a non-ASCII space", "unauthorized");
        }
        Refusals.assertRefused(RawHttp.socket(api, settings, null, "Authorization: Bearer wrong-key",
                "Authorization: Bearer " + key), 401, "a wrong key first, the key second", "unauthorized");

        before.assertUnchanged("almost the key");
        // trailing spaces and tabs are no part of a header's value (RFC 9110 5.5): that is the key itself
        for (String suffix : List.of(" ", "\t", " \t ")) {
            assertThat(RawHttp.socket(api, settings, null, "Authorization: Bearer " + key + suffix).status())
                    .as("the key followed by whitespace the HTTP parser drops").isEqualTo(200);
        }
    }

    /** The text's UTF-8 bytes, one char per byte, as {@link RawHttp#socket} writes header lines. */
    private static String asSent(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCustomersTokenNeverShowsOrChangesAnotherCustomersDataOnAnyMessengerCall(Backend backend) {
        Api api = Api.demo(backend);
        Victim b = Victim.of(api);
        String bUnshared = Api.id("t");
        api.apply(unsharedTicketCreated(bUnshared, b.customer(), 4));
        String a = Api.id("c");
        String aTicket = Api.id("t");
        String aConversation = Api.id("conv");
        api.apply(conversationCreated(aConversation, a, 1), ticketCreated(aTicket, a, aConversation, 2),
                message(aConversation, "teammate", 3), ticketCreated(Api.id("t"), a, null, 4));
        List<String> bIds = List.of(b.customer(), b.ticket(), b.conversation(), bUnshared);
        String bState = api.state(b.customer()).body();
        long bVersion = Db.customerVersion(Db.of(backend), "demo", b.customer());
        Fingerprint before = Fingerprint.of(backend);
        String aToken = api.token(a);

        // state, and state asked for with B's ids in the query
        RawHttp.Response state = call(api, aToken, "GET", "/api/v1/messenger");
        assertShowsOnlyA(state, bIds, "state");
        assertThat(state.reply().json().get("customerId").asText()).isEqualTo(a);
        assertThat(call(api, aToken, "GET", "/api/v1/messenger?customerId=" + b.customer() + "&sub=" + b.customer()).body())
                .isEqualTo(state.body());
        // the lists, page by page, and from a cursor made of B's ticket
        for (String list : List.of("tickets", "conversations")) {
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                RawHttp.Response page = call(api, aToken, "GET", "/api/v1/messenger/" + list + "?limit=1"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                assertShowsOnlyA(page, bIds, list);
                page.reply().json().get(list).forEach(entry -> ids.add(entry.get("id").asText()));
                JsonNode next = page.reply().json().get("nextCursor");
                cursor = next.isNull() ? null : next.asText();
            } while (cursor != null);
            assertThat(ids).as(list).doesNotContainAnyElementsOf(bIds)
                    .contains(list.equals("tickets") ? aTicket : aConversation);
            // a list key (priority and two times in hex, then an id) naming B's ticket
            String crafted = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("0".repeat(40) + b.ticket()).getBytes(StandardCharsets.UTF_8));
            assertShowsOnlyA(call(api, aToken, "GET", "/api/v1/messenger/" + list + "?cursor=" + crafted), bIds,
                    list + " from a cursor of B's");
        }
        // reads of B's tickets and conversation: unknown to A, as if they did not exist
        for (String[] read : List.of(new String[] {"tickets", b.ticket(), "unknown_ticket"},
                new String[] {"tickets", bUnshared, "unknown_ticket"},
                new String[] {"conversations", b.conversation(), "unknown_conversation"})) {
            RawHttp.Response response = call(api, aToken, "POST", "/api/v1/messenger/" + read[0] + "/" + read[1] + "/read");
            Refusals.assertRefused(response, 404, "A reads B's " + read[1], read[2]);
            assertThat(response.body()).doesNotContain(b.customer());
        }
        before.assertUnchanged("A's calls");
        assertThat(Db.customerVersion(Db.of(backend), "demo", b.customer())).as("B's version").isEqualTo(bVersion);
        assertThat(api.state(b.customer()).body()).as("B's state, read marks included").isEqualTo(bState);

        // the live stream: A's shows nothing of B, and nothing when B's state changes while B's own stream does
        try (SseStream aStream = SseStream.open(HTTP, api.base(), aToken);
             SseStream bStream = SseStream.open(HTTP, api.base(), api.token(b.customer()))) {
            SseStream.Event aFirst = aStream.expectEvent(AT_ONCE);
            assertThat(aFirst.json().get("customerId").asText()).isEqualTo(a);
            bIds.forEach(id -> assertThat(aFirst.data()).as("A's first state").doesNotContain(id));
            long bFirst = bStream.expectEvent(AT_ONCE).version();

            api.apply(stateChanged(b.ticket(), "in_progress", 5), message(b.conversation(), "teammate", 6));
            assertThat(api.readConversation(b.customer(), b.conversation()).status()).isEqualTo(200);

            assertThat(bStream.expectEvent(AT_ONCE).version()).as("B's stream hears B's change").isGreaterThan(bFirst);
            assertThat(aStream.collect(QUIET)).as("A's stream while B changes")
                    .noneMatch(item -> item instanceof SseStream.Event);
            assertThat(call(api, aToken, "GET", "/api/v1/messenger").reply().json()).as("A's state").isEqualTo(aFirst.json());
        }
    }

    /** A 200 that names none of B's ids. */
    private static void assertShowsOnlyA(RawHttp.Response response, List<String> bIds, String what) {
        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(200);
        for (String id : bIds) {
            assertThat(response.body()).as(what).doesNotContain(id);
        }
    }
}
