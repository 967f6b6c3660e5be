package dev.ticketspace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Times are stored to the millisecond on every backend, and come back as they went in. */
class MillisecondsTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEventsTimeComesBackToTheMillisecond(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = Api.id("t");
        String at = "2026-03-04T05:06:07.089Z";
        api.apply("""
                {"type": "ticket.created", "id": "%s", "occurredAt": "%s", "ticketId": "%s", "customerId": "%s",
                 "title": "Refund", "state": {"category": "submitted", "label": "Submitted"}}"""
                .formatted(Api.id("e"), at, ticket, customer));

        assertThat(api.tickets(customer).json().at("/tickets/0/lastActivityAt").asText()).isEqualTo(at);
    }
}
