package dev.ticketspace.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.messenger.SseStream;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.FixtureRules;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Time-based rules, on a fixture rule set whose badge lights three seconds after a ticket was created: the
 * state changes with no event, its version grows when it does, and an open stream receives it.
 */
@Timeout(60)
class TimeRulesTest {
    private static final Duration LIGHTS_AFTER = Duration.ofSeconds(3);
    /** The time rule's moment, plus a poll of the replica's time triggers and one of its change feed. */
    private static final Duration WITHIN = LIGHTS_AFTER.plusSeconds(4);
    private static final HttpClient HTTP = SseStream.httpClient(null);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStateThatChangesWithTimeReachesAnOpenStreamWithAHigherVersion(Backend backend) {
        Api api = FixtureRules.demo("time", backend);
        // A first event and stream of a fresh application can take longer than the rule's three seconds.
        SseStream.warmUp(HTTP, api);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        Instant created = Instant.now();
        assertThat(api.postEvents("""
                {"type": "ticket.created", "id": "%s", "occurredAt": "%s", "ticketId": "%s", "customerId": "%s",
                 "title": "Refund", "state": {"category": "submitted", "label": "Submitted"}}"""
                .formatted(Api.id("e"), created, ticket, customer)).status()).isEqualTo(200);

        try (SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer))) {
            SseStream.Event first = stream.expectEvent(Duration.ofSeconds(2));
            assertThat(badge(first)).as("before its moment").isZero();
            SseStream.Event lit = first;
            Instant deadline = created.plus(WITHIN);
            while (badge(lit) == 0 && Instant.now().isBefore(deadline)) {
                lit = stream.expectEvent(Duration.between(Instant.now(), deadline));
            }
            assertThat(badge(lit)).isEqualTo(1);
            assertThat(lit.version()).isGreaterThan(first.version());
        }
        // Read afterwards, the state is the lit one, at the version the stream saw or later.
        assertThat(api.state(customer).json().at("/spaces/2/badge").asInt()).isEqualTo(1);
    }

    private static int badge(SseStream.Event event) {
        return event.json().at("/spaces/2/badge").asInt();
    }
}
