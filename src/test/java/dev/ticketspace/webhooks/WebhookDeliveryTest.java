package dev.ticketspace.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deliveries against receivers on this machine, through the shared app (test-config.yml: first retry after
 * 500 ms, read timeout 2 s, at most 2 deliveries per endpoint at once).
 */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReceiverThatFailsTwiceGetsTheSameSignedMessageThreeTimesAfterGrowingWaits(Backend backend) throws Exception {
        Api api = Api.isolated(backend);
        try (Receiver receiver = new Receiver(n -> n < 2 ? 500 : 200)) {
            String secret = Hooks.create(api, "desk", receiver.url());
            String conversation = Hooks.reads(api, 1);

            Receiver.await(Duration.ofSeconds(20), () -> receiver.received().size() >= 3, "three attempts");

            List<Receiver.Received> attempts = receiver.received();
            assertThat(attempts).extracting(Receiver.Received::id).containsOnly(attempts.get(0).id());
            assertThat(attempts.get(0).id()).startsWith("msg_");
            assertThat(attempts).allSatisfy(attempt -> {
                assertThat(Hooks.signatureVerifies(secret, attempt)).as(attempt.signature()).isTrue();
                assertThat(Hooks.signatureVerifies(WebhookSecret.generate(), attempt)).isFalse();
                assertThat(Math.abs(Long.parseLong(attempt.timestamp()) - attempt.at().getEpochSecond())).isLessThanOrEqualTo(5);
            });
            Duration firstWait = Duration.between(attempts.get(0).at(), attempts.get(1).at());
            Duration secondWait = Duration.between(attempts.get(1).at(), attempts.get(2).at());
            if (backend == Backend.H2) {
                // 500 ms less up to a quarter, then twice that: [375, 500] and [750, 1000] ms, plus polling. On
                // the MariaDB used here times are stored to the second only (applied_at too), which blurs the
                // schedule by up to a second: there only the order of the attempts is checked.
                assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(375));
                assertThat(secondWait).isGreaterThan(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(750));
            }

            JsonNode body = JSON.readTree(attempts.get(0).body());
            assertThat(body.get("type").asText()).isEqualTo("conversation.read");
            assertThat(body.at("/data/workspaceId").asText()).isEqualTo(api.workspaceId());
            assertThat(body.at("/data/conversationId").asText()).isEqualTo(conversation);
            Receiver.await(Duration.ofSeconds(5), () -> Hooks.delivery(api, "desk", attempts.get(0).id())
                    .get("status").asText().equals("delivered"), "delivered in the log");
            JsonNode logged = Hooks.delivery(api, "desk", attempts.get(0).id());
            assertThat(logged.get("attempts").asInt()).isEqualTo(3);
            assertThat(logged.get("lastResponseCode").asInt()).isEqualTo(200);
            assertThat(logged.get("eventType").asText()).isEqualTo("conversation.read");
            assertThat(logged.get("nextAttemptAt").isNull()).isTrue();
            assertThat(receiver.received()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReceiverThatNeverAnswersTimesOutAndHoldsUpNoOtherDelivery(Backend backend) throws Exception {
        Api api = Api.isolated(backend);
        try (Receiver silent = new Receiver(n -> Receiver.HANG); Receiver listening = Receiver.accepting()) {
            Hooks.create(api, "silent", silent.url());
            Hooks.reads(api, 6);
            Receiver.await(Duration.ofSeconds(5), () -> silent.hanging() == 2, "two requests held by the silent receiver");
            Hooks.create(api, "listening", listening.url());
            Hooks.reads(api, 3);
            Instant start = Instant.now();

            // Only the silent endpoint's messages wait: the others go while the silent receiver holds its requests.
            Receiver.await(Duration.ofSeconds(10), () -> listening.received().size() >= 3, "the other endpoint's deliveries");
            assertThat(silent.hanging()).isPositive();
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(api.settings().status()).isEqualTo(200);

            Receiver.await(Duration.ofSeconds(15), () -> {
                JsonNode deliveries = Hooks.deliveries(api, "silent").json().get("deliveries");
                int timedOut = 0;
                for (JsonNode delivery : deliveries) {
                    timedOut += delivery.path("lastError").asText().startsWith("timeout") ? 1 : 0;
                }
                return timedOut >= 2;
            }, "timeouts in the silent endpoint's log");
            JsonNode timedOut = Hooks.deliveries(api, "silent").json().get("deliveries");
            assertThat(timedOut).hasSize(9);
            assertThat(timedOut).allSatisfy(delivery -> assertThat(delivery.get("status").asText()).isEqualTo("pending"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDeliveredMessageIsSentAgainOnRequestWithItsWebhookId(Backend backend) throws Exception {
        Api api = Api.isolated(backend);
        try (Receiver receiver = Receiver.accepting()) {
            Hooks.create(api, "desk", receiver.url());
            Hooks.reads(api, 1);
            Receiver.await(Duration.ofSeconds(10), () -> receiver.received().size() == 1, "the first delivery");
            String id = receiver.received().get(0).id();
            Receiver.await(Duration.ofSeconds(5), () -> Hooks.delivery(api, "desk", id).get("status").asText()
                    .equals("delivered"), "delivered in the log");

            Api.Reply retried = Hooks.retry(api, "desk", id);

            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.json().get("status").asText()).isIn("pending", "delivered");
            Receiver.await(Duration.ofSeconds(10), () -> receiver.received().size() == 2, "the second delivery");
            assertThat(receiver.received().get(1).id()).isEqualTo(id);
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
            assertThat(Hooks.retry(api, "desk", "msg_unknown").status()).isEqualTo(404);
        }
    }
}
