package dev.ticketspace.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deliveries by more than one run of the service on one database. */
class WebhookReplicasTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRestartMidDeliveryLosesNothingAndRepeatsAtMostTheMessageInFlight(Backend backend) throws Exception {
        String url = Db.forOwnApp(backend, "webhooks_restart");
        // The first request is held until the first run has stopped; all others are accepted.
        try (Receiver receiver = new Receiver(n -> n == 0 ? Receiver.HANG : 200)) {
            DropwizardAppExtension<TicketspaceConfiguration> first = backend.newApp(url);
            first.before();
            Api api = new Api(first, "w40");
            try {
                Hooks.create(api, "desk", receiver.url());
                Hooks.reads(api, 5);
                Receiver.await(Duration.ofSeconds(10), () -> receiver.hanging() == 1, "a delivery in flight");
            } finally {
                first.after();
            }
            receiver.release();
            DropwizardAppExtension<TicketspaceConfiguration> second = backend.newApp(url);
            second.before();
            try {
                Api again = new Api(second, "w40");
                Receiver.await(Duration.ofSeconds(30), () -> Hooks.deliveries(again, "desk").json().get("deliveries")
                        .findValuesAsText("status").stream().allMatch("delivered"::equals), "all delivered");
                Map<String, Long> perId = receiver.received().stream()
                        .collect(Collectors.groupingBy(Receiver.Received::id, Collectors.counting()));
                assertThat(perId).hasSize(5);
                assertThat(perId.values()).allSatisfy(count -> assertThat(count).isBetween(1L, 2L));
                assertThat(perId.values().stream().filter(count -> count == 2)).hasSizeLessThanOrEqualTo(1);
            } finally {
                second.after();
            }
        } finally {
            Db.dropForOwnApp(backend, url);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoReplicasOnOneDatabaseDeliverEachMessageOnce(Backend backend) throws Exception {
        String url = Db.forOwnApp(backend, "webhooks_replicas");
        DropwizardAppExtension<TicketspaceConfiguration> one = backend.newApp(url);
        DropwizardAppExtension<TicketspaceConfiguration> two = backend.newApp(url);
        one.before();
        try (Receiver receiver = Receiver.accepting()) {
            two.before();
            try {
                Api api = new Api(one, "w39");
                Hooks.create(api, "desk", receiver.url());
                for (int batch = 0; batch < 5; batch++) {
                    Hooks.reads(new Api(batch % 2 == 0 ? one : two, "w39"), 8);
                }
                Receiver.await(Duration.ofSeconds(30), () -> receiver.received().size() >= 40, "40 deliveries");
                Receiver.await(Duration.ofSeconds(10), () -> Hooks.deliveries(api, "desk").json().get("deliveries")
                        .findValuesAsText("status").stream().allMatch("delivered"::equals), "all delivered");
                Map<String, Long> perId = receiver.received().stream()
                        .collect(Collectors.groupingBy(Receiver.Received::id, Collectors.counting()));
                assertThat(perId).hasSize(40);
                assertThat(perId.values()).containsOnly(1L);
            } finally {
                two.after();
            }
        } finally {
            one.after();
            Db.dropForOwnApp(backend, url);
        }
    }
}
