package dev.ticketspace.messenger;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.messenger.SseStream.Event;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.FixtureRules;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/v1/messenger/stream} over real HTTP on the shared application of each backend: the
 * current state on connect, a {@code state} event for each change of the customer's state (events,
 * settings), nothing for other customers, resuming with {@code Last-Event-ID}, authentication. The
 * shared applications keep the default heartbeat (15 s), so they let go of the streams closed here only
 * at a later heartbeat; LiveStreamCapacityTest checks that they do.
 */
@Timeout(30)
class LiveStreamTest {
    /** "At once": the first event of a stream, or a change, within this. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);
    /** Changes travel through the change log, polled every 250 ms. */
    private static final Duration SOON = Duration.ofSeconds(3);
    /** Long enough for a wrongly sent change to show up. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    private static final HttpClient HTTP = SseStream.httpClient(null);
    /** Streams carry what the rules decide; the shipped rules' decisions are specified by the scenarios. */
    private static final String RULES = "machinery";

    @BeforeAll
    static void warmUp() {
        for (Backend backend : Backend.values()) {
            SseStream.warmUp(HTTP, FixtureRules.demo(RULES, backend));
        }
    }

    /** A customer with one shared ticket they have read: Home badge 0 (the fixture's badge of unread tickets). */
    private static String customerWithReadTicket(Api api, String ticketId) {
        String customer = Api.id("c");
        api.apply(ticketCreated(ticketId, customer, null, 0), ticketRead(ticketId, 1));
        assertThat(badge(api, customer, "home")).isZero();
        return customer;
    }

    private static int badge(Api api, String customer, String space) {
        for (var node : api.state(customer).json().get("spaces")) {
            if (node.get("id").asText().equals(space)) {
                return node.get("badge").asInt();
            }
        }
        throw new AssertionError("no space " + space);
    }

    private static void assertIsCurrentState(Event event, Api api, String customer) {
        Api.Reply current = api.state(customer);
        assertThat(event.name()).isEqualTo("state");
        assertThat(event.json()).isEqualTo(current.json());
        assertThat(event.id()).isEqualTo(current.json().get("version").asText());
    }

    private static List<Event> eventsIn(List<SseStream.Item> items) {
        return items.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theCurrentStateComesAtOnceAndEachTicketChangeFollows(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
        String ticket = Api.id("t");
        String customer = customerWithReadTicket(api, ticket);

        // gzip asked for: compression must not hold events back (nor garble them)
        try (SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer), null, true)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.head().header("Content-Type")).startsWith("text/event-stream");

            Event first = stream.expectEvent(AT_ONCE);
            assertIsCurrentState(first, api, customer);
            assertThat(first.badge("home")).isZero();

            api.apply(stateChanged(ticket, "in_progress", 5));
            Event changed = stream.expectEvent(SOON);
            assertThat(changed.name()).isEqualTo("state");
            assertThat(changed.badge("home")).isEqualTo(1);
            assertThat(Long.parseLong(changed.id())).isGreaterThan(Long.parseLong(first.id()));
            assertThat(changed.id()).isEqualTo(Long.toString(changed.version()));
            assertIsCurrentState(changed, api, customer);

            // a second ticket: the count follows
            api.apply(ticketCreated(Api.id("t"), customer, null, 6));
            Event second = stream.expectEvent(SOON);
            assertThat(second.badge("home")).isEqualTo(2);
            assertIsCurrentState(second, api, customer);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyStreamOfTheCustomerGetsTheChange(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
        String ticket = Api.id("t");
        String customer = customerWithReadTicket(api, ticket);

        try (SseStream one = SseStream.open(HTTP, api.base(), api.token(customer));
             SseStream two = SseStream.open(HTTP, api.base(), api.token(customer))) {
            long version = one.expectEvent(AT_ONCE).version();
            assertThat(two.expectEvent(AT_ONCE).version()).isEqualTo(version);

            api.apply(stateChanged(ticket, "in_progress", 5));

            assertThat(one.expectEvent(SOON).badge("home")).isEqualTo(1);
            assertThat(two.expectEvent(SOON).badge("home")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void changesOfOtherCustomersAreNotSent(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
        Api otherWorkspace = new Api(FixtureRules.app(RULES, backend), "other");
        String ticket = Api.id("t");
        String customer = customerWithReadTicket(api, ticket);
        String other = Api.id("c");
        String otherTicket = Api.id("t");

        try (SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer))) {
            Event first = stream.expectEvent(AT_ONCE);

            api.apply(ticketCreated(otherTicket, other, null, 0));
            api.apply(stateChanged(otherTicket, "in_progress", 5));
            // the same customer id in another workspace is another customer
            otherWorkspace.apply(ticketCreated(Api.id("t"), customer, null, 0));

            List<SseStream.Item> meanwhile = stream.collect(QUIET);
            assertThat(eventsIn(meanwhile)).as("events for other customers").isEmpty();
            assertThat(api.state(customer).json().get("version").asText()).isEqualTo(first.id());

            // the stream is alive: the customer's own change still comes
            api.apply(stateChanged(ticket, "in_progress", 5));
            assertThat(stream.expectEvent(SOON).badge("home")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSettingsChangeReachesTheStreamsOfItsWorkspaceOnly(Backend backend) {
        Api api = Api.isolated(FixtureRules.app(RULES, backend));
        Api demo = FixtureRules.demo(RULES, backend);
        String customer = Api.id("c");
        String demoCustomer = Api.id("c");
        api.apply(ticketCreated(Api.id("t"), customer, null, 0));
        demo.apply(ticketCreated(Api.id("t"), demoCustomer, null, 0));

        try (SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer));
             SseStream elsewhere = SseStream.open(HTTP, demo.base(), demo.token(demoCustomer))) {
            Event first = stream.expectEvent(AT_ONCE);
            assertThat(first.visible("tickets")).isTrue();
            assertThat(first.badge("home")).isEqualTo(1);
            elsewhere.expectEvent(AT_ONCE);

            assertThat(api.removeHomeApp("tickets").status()).isEqualTo(200);
            Event hidden = stream.expectEvent(SOON);
            assertThat(hidden.visible("tickets")).isFalse();
            assertThat(hidden.version()).isGreaterThan(first.version());
            assertIsCurrentState(hidden, api, customer);

            assertThat(api.addHomeApp("tickets").status()).isEqualTo(200);
            Event shown = stream.expectEvent(SOON);
            assertThat(shown.visible("tickets")).isTrue();
            assertThat(shown.badge("home")).isEqualTo(1);
            assertThat(shown.version()).isGreaterThan(hidden.version());

            // a stream of another workspace heard nothing of it
            assertThat(eventsIn(elsewhere.collect(Duration.ofMillis(500)))).as("events in another workspace").isEmpty();
        }
    }

    /**
     * A workspace-wide change has every streamed customer's state read together with others': each stream
     * still gets its own customer's state, as a read of it gives it, whatever each one holds.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWorkspaceWideChangeSendsEachStreamItsOwnCustomersState(Backend backend) {
        Api api = Api.isolated(FixtureRules.app(RULES, backend));
        String nothingYet = Api.id("none");
        String oneRead = customerWithReadTicket(api, Api.id("t"));
        // more card candidates than a shared read ranks (100), and more than the card's 2
        String many = Api.id("many");
        api.apply(IntStream.range(0, 101).mapToObj(n -> ticketCreated(Api.id("t"), many, null, n))
                .toArray(String[]::new));
        String few = Api.id("few");
        String conversation = Api.id("conv");
        api.apply(ticketCreated(Api.id("t"), few, null, 1), ticketCreated(Api.id("t"), few, null, 3),
                conversationCreated(conversation, few, 4), ticketCreated(Api.id("t"), few, conversation, 2));
        List<String> customers = List.of(nothingYet, oneRead, many, few);

        List<SseStream> streams = customers.stream()
                .map(customer -> SseStream.open(HTTP, api.base(), api.token(customer))).toList();
        try {
            for (int c = 0; c < customers.size(); c++) {
                assertIsCurrentState(streams.get(c).expectEvent(AT_ONCE), api, customers.get(c));
            }
            assertThat(api.removeHomeApp("tickets").status()).isEqualTo(200);
            for (int c = 0; c < customers.size(); c++) {
                assertIsCurrentState(streams.get(c).expectEvent(SOON), api, customers.get(c));
            }
            assertThat(api.addHomeApp("tickets").status()).isEqualTo(200);
            List<Event> shown = new ArrayList<>();
            for (int c = 0; c < customers.size(); c++) {
                shown.add(streams.get(c).expectEvent(SOON));
                assertIsCurrentState(shown.get(c), api, customers.get(c));
                assertThat(shown.get(c).visible("tickets")).isTrue();
            }
            assertThat(shown.get(2).json().at("/home/cards/0/tickets").size()).as("the card of %s", many)
                    .isEqualTo(2);
            assertThat(shown.get(3).json().at("/home/cards/0/tickets").size()).as("the card of %s", few)
                    .isEqualTo(2);
            assertThat(shown.get(0).json().at("/home/cards/0/tickets").size()).as("the card of %s", nothingYet)
                    .isZero();
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aClientResumingWithLastEventIdGetsWhatChangedMeanwhileAndNothingElse(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
        String ticket = Api.id("t");
        String customer = customerWithReadTicket(api, ticket);

        String seen;
        try (SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer))) {
            seen = stream.expectEvent(AT_ONCE).id();
        }

        api.apply(stateChanged(ticket, "in_progress", 5));
        String current = api.state(customer).json().get("version").asText();
        assertThat(Long.parseLong(current)).isGreaterThan(Long.parseLong(seen));

        // it changed while the client was away: the current state at once
        try (SseStream resumed = SseStream.open(HTTP, api.base(), api.token(customer), seen, false)) {
            Event event = resumed.expectEvent(AT_ONCE);
            assertThat(event.id()).isEqualTo(current);
            assertThat(event.badge("home")).isEqualTo(1);
            assertIsCurrentState(event, api, customer);
        }

        // nothing changed since: no state at once, only later changes
        try (SseStream resumed = SseStream.open(HTTP, api.base(), api.token(customer), current, false)) {
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(eventsIn(resumed.collect(QUIET))).as("events for a client that is up to date").isEmpty();

            api.apply(ticketRead(ticket, 6));
            Event later = resumed.expectEvent(SOON);
            assertThat(Long.parseLong(later.id())).isGreaterThan(Long.parseLong(current));
            assertThat(later.badge("home")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLastEventIdThatIsNotAVersionGetsTheCurrentState(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);
        String customer = customerWithReadTicket(api, Api.id("t"));

        try (SseStream stream = SseStream.open(HTTP, api.base(), api.token(customer), "not-a-version", false)) {
            assertIsCurrentState(stream.expectEvent(AT_ONCE), api, customer);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStreamWithoutAValidTokenIs401Json(Backend backend) {
        Api api = FixtureRules.demo(RULES, backend);

        try (SseStream none = SseStream.open(HTTP, api.base(), null);
             SseStream wrong = SseStream.open(HTTP, api.base(), "not.a.token");
             SseStream forged = SseStream.open(HTTP, api.base(),
                     api.token("c1").substring(0, api.token("c1").lastIndexOf('.')) + ".forged")) {
            for (SseStream stream : List.of(none, wrong, forged)) {
                assertThat(stream.status()).isEqualTo(401);
                assertThat(stream.head().header("Content-Type")).startsWith("application/json");
                assertThat(stream.jsonBody().get("code").asText()).isEqualTo("invalid_token");
            }
        }
    }
}
