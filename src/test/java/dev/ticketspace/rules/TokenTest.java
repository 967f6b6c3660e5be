package dev.ticketspace.rules;

import static dev.ticketspace.rules.Views.badge;
import static dev.ticketspace.rules.Views.ok;
import static dev.ticketspace.rules.Views.state;
import static dev.ticketspace.rules.Views.visible;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Victim;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Customer tokens: forged, expired, too long-lived or foreign tokens are a 401 {@code invalid_token}; a
 * valid token never reaches another customer's or workspace's data (404, and the other data unchanged).
 */
class TokenTest {
    private static final String STRANGER_SECRET = "not-the-messenger-secret-of-any-workspace-0123456789";

    private static JWTClaimsSet.Builder claims(String workspace, String customer, Instant issued, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(customer).claim("ws", workspace);
        if (issued != null) {
            claims.issueTime(Date.from(issued));
        }
        if (expires != null) {
            claims.expirationTime(Date.from(expires));
        }
        return claims;
    }

    private static String sign(String secret, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.HS256, secret, claims);
    }

    private static String sign(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String secretOf(Api api) {
        return api.workspace().messengerSecret();
    }

    /** Every messenger client call with the token is a 401 invalid_token that names nothing of the data. */
    private static void assertRefusedEverywhere(Api api, String token, Victim victim) {
        for (String[] call : List.of(
                new String[] {"GET", "/api/v1/messenger"},
                new String[] {"GET", "/api/v1/messenger/ping"},
                new String[] {"GET", "/api/v1/messenger/tickets"},
                new String[] {"GET", "/api/v1/messenger/conversations"},
                new String[] {"POST", "/api/v1/messenger/conversations/" + victim.conversation() + "/read"},
                new String[] {"POST", "/api/v1/messenger/tickets/" + victim.ticket() + "/read"})) {
            Api.Reply reply = api.withToken(token, call[0], call[1]);
            assertThat(reply.status()).as("%s %s: %s", call[0], call[1], reply).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("invalid_token");
            assertOnlyCodeAndMessage(reply);
            assertThat(reply.body()).doesNotContain(victim.ticket()).doesNotContain(victim.conversation())
                    .doesNotContain(victim.customer());
        }
    }

    private static void assertOnlyCodeAndMessage(Api.Reply reply) {
        Iterator<String> fields = reply.json().fieldNames();
        assertThat(fields).toIterable().containsExactlyInAnyOrder("code", "message");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The victim's state as their own client sees it, and again after {@code action}: unchanged. */
    private static void assertUntouched(Api api, Victim victim, Consumer<Api> action) {
        JsonNode before = state(api, victim.customer());
        JsonNode listBefore = ok(api.tickets(victim.customer()));
        JsonNode conversationsBefore = ok(api.conversations(victim.customer()));
        action.accept(api);
        assertThat(state(api, victim.customer())).as("the victim's state").isEqualTo(before);
        assertThat(ok(api.tickets(victim.customer()))).isEqualTo(listBefore);
        assertThat(ok(api.conversations(victim.customer()))).isEqualTo(conversationsBefore);
        assertThat(badge(before, "tickets")).isEqualTo(1);
        assertThat(badge(before, "messages")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pingAnswersAValidTokenWithAConstantBody(Backend backend) {
        Api api = Api.demo(backend);

        Api.Reply reply = api.asCustomer(Api.id("c"), "GET", "/api/v1/messenger/ping");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void noTokenOrAMalformedOneIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);

        assertRefusedEverywhere(api, null, victim);
        assertRefusedEverywhere(api, "not.a.jwt", victim);
        assertRefusedEverywhere(api, api.workspace().apiKey(), victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anExpiredTokenIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Instant now = Instant.now();

        String expired = sign(secretOf(api), claims("demo", victim.customer(), now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofMinutes(5))).build());

        assertRefusedEverywhere(api, expired, victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenWithAWrongSignatureIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Instant now = Instant.now();
        JWTClaimsSet claims = claims("demo", victim.customer(), now, now.plus(Duration.ofMinutes(10))).build();

        assertRefusedEverywhere(api, sign(STRANGER_SECRET, claims), victim);

        // a genuine token with its signature replaced by another one's
        SignedJWT genuine;
        SignedJWT forged;
        try {
            genuine = SignedJWT.parse(api.token(victim.customer()));
            forged = SignedJWT.parse(sign(STRANGER_SECRET, genuine.getJWTClaimsSet()));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        String spliced = genuine.getHeader().toBase64URL() + "." + genuine.getPayload().toBase64URL() + "."
                + forged.getSignature();
        assertRefusedEverywhere(api, spliced, victim);

        // the genuine token's signature on changed claims (another customer)
        Base64URL otherPayload = claims("demo", Api.id("c"), now, now.plus(Duration.ofMinutes(10))).build()
                .toPayload().toBase64URL();
        String tampered = genuine.getHeader().toBase64URL() + "." + otherPayload + "." + genuine.getSignature();
        assertRefusedEverywhere(api, tampered, victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnsignedTokenWithAlgNoneIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Instant now = Instant.now();
        JWTClaimsSet claims = claims("demo", victim.customer(), now, now.plus(Duration.ofMinutes(10))).build();

        String none = new PlainJWT(claims).serialize();
        assertRefusedEverywhere(api, none, victim);

        // alg none with the signature of a genuine token left on
        String genuine = sign(secretOf(api), claims);
        String noneHeader = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String[] parts = genuine.split("\\.");
        assertRefusedEverywhere(api, noneHeader + "." + parts[1] + "." + parts[2], victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenWhoseWsNamesAWorkspaceButIsSignedWithAnothersSecretIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Api other = new Api(backend.app(), "other");
        Victim victim = Victim.of(api);
        Instant now = Instant.now();

        String crossSigned = sign(secretOf(other), claims("demo", victim.customer(), now,
                now.plus(Duration.ofMinutes(10))).build());
        assertRefusedEverywhere(api, crossSigned, victim);

        String unknownWorkspace = sign(secretOf(api), claims("nowhere", victim.customer(), now,
                now.plus(Duration.ofMinutes(10))).build());
        assertRefusedEverywhere(api, unknownWorkspace, victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenMissingARequiredClaimIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Instant now = Instant.now();
        Instant soon = now.plus(Duration.ofMinutes(10));

        assertRefusedEverywhere(api, sign(secretOf(api), claims("demo", victim.customer(), now, null).build()), victim);
        assertRefusedEverywhere(api, sign(secretOf(api), new JWTClaimsSet.Builder().claim("ws", "demo")
                .issueTime(Date.from(now)).expirationTime(Date.from(soon)).build()), victim);
        assertRefusedEverywhere(api, sign(secretOf(api), new JWTClaimsSet.Builder().subject(victim.customer())
                .issueTime(Date.from(now)).expirationTime(Date.from(soon)).build()), victim);
        assertRefusedEverywhere(api, sign(secretOf(api), claims("demo", "not an id", now, soon).build()), victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenLivingLongerThanTokensMaxLifetimeIsRefused(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Instant now = Instant.now();
        String secret = secretOf(api);

        assertRefusedEverywhere(api, sign(secret, claims("demo", victim.customer(), now,
                now.plus(Duration.ofHours(25))).build()), victim);
        assertRefusedEverywhere(api, sign(secret, claims("demo", victim.customer(), null,
                now.plus(Duration.ofHours(25))).build()), victim);
        assertRefusedEverywhere(api, sign(secret, claims("demo", victim.customer(), now.minus(Duration.ofHours(23)),
                now.plus(Duration.ofHours(2))).build()), victim);

        Api.Reply withinLimit = api.withToken(sign(secret, claims("demo", victim.customer(), now,
                now.plus(Duration.ofHours(23))).build()), "GET", "/api/v1/messenger");
        assertThat(withinLimit.status()).as("23h is within the 24h maximum").isEqualTo(200);
        assertThat(withinLimit.json().get("customerId").asText()).isEqualTo(victim.customer());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenIssuedInTheFutureCannotOutliveTokensMaxLifetime(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        Instant now = Instant.now();

        // Claims a 1h lifetime, but is valid from now for 100 days: far over the 24h tokens.maxLifetime.
        String token = sign(secretOf(api), claims("demo", victim.customer(), now.plus(Duration.ofDays(100)),
                now.plus(Duration.ofDays(100)).plus(Duration.ofHours(1))).build());

        assertRefusedEverywhere(api, token, victim);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenOfAnotherWorkspaceNeverReachesThisWorkspacesData(Backend backend) {
        Api demo = Api.demo(backend);
        Api other = new Api(backend.app(), "other");
        Victim victim = Victim.of(demo);
        // the same customer id in the other workspace, with a valid token of that workspace
        String otherToken = other.token(victim.customer());

        assertUntouched(demo, victim, api -> {
            JsonNode state = ok(api.withToken(otherToken, "GET", "/api/v1/messenger"));
            assertThat(state.get("workspaceId").asText()).isEqualTo("other");
            assertThat(visible(state, "tickets")).isFalse();
            assertThat(badge(state, "tickets")).isZero();
            assertThat(badge(state, "messages")).isZero();
            assertThat(state.get("home").get("cards")).isEmpty();

            Api.Reply list = api.withToken(otherToken, "GET", "/api/v1/messenger/tickets");
            assertThat(list.status()).isEqualTo(404);
            assertThat(list.code()).isEqualTo("tickets_space_hidden");
            assertThat(ok(api.withToken(otherToken, "GET", "/api/v1/messenger/conversations")).get("conversations"))
                    .isEmpty();

            Api.Reply readTicket = api.withToken(otherToken, "POST", "/api/v1/messenger/tickets/" + victim.ticket() + "/read");
            assertThat(readTicket.status()).isEqualTo(404);
            assertThat(readTicket.code()).isEqualTo("unknown_ticket");
            assertOnlyCodeAndMessage(readTicket);
            Api.Reply readConversation = api.withToken(otherToken, "POST",
                    "/api/v1/messenger/conversations/" + victim.conversation() + "/read");
            assertThat(readConversation.status()).isEqualTo(404);
            assertThat(readConversation.code()).isEqualTo("unknown_conversation");
            assertOnlyCodeAndMessage(readConversation);
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anotherCustomersTicketOrConversationInAReadCallIsA404AndChangesNothing(Backend backend) {
        Api api = Api.demo(backend);
        Victim victim = Victim.of(api);
        String intruder = Api.id("c");
        String intrudersTicket = Api.id("t");
        api.apply(ticketCreated(intrudersTicket, intruder, null, 1));

        assertUntouched(api, victim, a -> {
            Api.Reply ticket = a.readTicket(intruder, victim.ticket());
            Api.Reply missingTicket = a.readTicket(intruder, Api.id("t"));
            assertThat(ticket.status()).isEqualTo(404);
            assertThat(ticket.code()).isEqualTo("unknown_ticket");
            assertOnlyCodeAndMessage(ticket);
            assertThat(ticket.body()).doesNotContain(victim.customer()).doesNotContain(victim.conversation());
            assertThat(missingTicket.code()).as("indistinguishable from a ticket that does not exist")
                    .isEqualTo(ticket.code());
            assertThat(missingTicket.status()).isEqualTo(404);

            Api.Reply conversation = a.readConversation(intruder, victim.conversation());
            assertThat(conversation.status()).isEqualTo(404);
            assertThat(conversation.code()).isEqualTo("unknown_conversation");
            assertOnlyCodeAndMessage(conversation);
            assertThat(conversation.body()).doesNotContain(victim.customer()).doesNotContain(victim.ticket());
            assertThat(a.readConversation(intruder, Api.id("conv")).code()).isEqualTo("unknown_conversation");
        });
        assertThat(badge(state(api, intruder), "tickets")).as("the intruder's own state is untouched").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theCustomersOwnUnsharedTicketCannotBeReadThroughTheMessenger(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String unshared = Api.id("t");
        api.apply(unsharedTicketCreated(unshared, customer, 1));
        long version = state(api, customer).get("version").asLong();

        Api.Reply read = api.readTicket(customer, unshared);

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.code()).isEqualTo("unknown_ticket");
        assertThat(state(api, customer).get("version").asLong()).isEqualTo(version);
    }
}
