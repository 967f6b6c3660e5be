package dev.ticketspace.events;

import static dev.ticketspace.events.Observed.everything;
import static dev.ticketspace.events.Observed.statuses;
import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.conversationRead;
import static dev.ticketspace.support.Events.conversationState;
import static dev.ticketspace.support.Events.linked;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.sharingChanged;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static dev.ticketspace.support.Events.ticketRead;
import static dev.ticketspace.support.Events.unsharedTicketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing lost: events accepted by one run of the service are all there, with the same state, when a new
 * run starts on the same database; and their ids still make retries duplicates.
 */
class RestartTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsAcceptedBeforeARestartAreAllThereAfterIt(Backend backend) throws Exception {
        Optional<String> dedicated = backend == Backend.MYSQL ? Db.dedicatedMysqlDatabase("restart") : Optional.empty();
        String url;
        if (backend == Backend.H2) {
            url = "jdbc:h2:file:" + directory.resolve("db") + ";MODE=MySQL";
        } else if (dedicated.isPresent()) {
            url = dedicated.get();
        } else {
            // The test user may not create a database of its own (CI's user is granted the test database
            // only): run on the shared test database, after the shared app has created it so it is not
            // dropped under this test. The ids below are fresh, so they meet nothing there.
            backend.app();
            url = Backend.mysqlUrl();
        }
        String customer = Api.id("c");
        String otherCustomer = Api.id("c");
        String conv = Api.id("conv");
        String otherConv = Api.id("conv");
        List<String[]> batches = batches(customer, otherCustomer, conv, otherConv);

        String seen;
        String otherSeen;
        int messages;
        DropwizardAppExtension<TicketspaceConfiguration> first = backend.newApp(url);
        first.before();
        try {
            Api api = new Api(first, "demo");
            for (String[] batch : batches) {
                assertThat(statuses(api.postEvents(batch))).hasSize(batch.length).containsOnly("applied");
            }
            seen = everything(api, customer);
            otherSeen = everything(api, otherCustomer);
            messages = Db.messageCount(Db.of(first), "demo", conv).orElseThrow();
            assertThat(messages).isEqualTo(3);
        } finally {
            first.after();
        }
        if (backend == Backend.H2) {
            assertThat(directory.resolve("db.mv.db")).exists();
            assertThat(Files.size(directory.resolve("db.mv.db"))).isPositive();
        }

        DropwizardAppExtension<TicketspaceConfiguration> second = backend.newApp(url);
        second.before();
        try {
            Api api = new Api(second, "demo");
            assertThat(everything(api, customer)).isEqualTo(seen);
            assertThat(everything(api, otherCustomer)).isEqualTo(otherSeen);
            assertThat(Db.messageCount(Db.of(second), "demo", conv)).contains(messages);
            for (String[] batch : batches) {
                assertThat(statuses(api.postEvents(batch))).hasSize(batch.length).containsOnly("duplicate");
            }
            assertThat(everything(api, customer)).isEqualTo(seen);
            assertThat(statuses(api.postEvents(message(conv, "teammate", 30)))).containsExactly("applied");
            assertThat(Db.messageCount(Db.of(second), "demo", conv)).contains(messages + 1);
        } finally {
            second.after();
        }
        dedicated.ifPresent(Db::dropMysqlDatabase);
    }

    /** Every event type, for two customers, in three requests. */
    private static List<String[]> batches(String customer, String otherCustomer, String conv, String otherConv) {
        String linkedTicket = Api.id("t");
        String laterLinked = Api.id("t");
        String plainTicket = Api.id("t");
        String otherTicket = Api.id("t");
        List<String[]> batches = new ArrayList<>();
        batches.add(new String[] {
            conversationCreated(conv, customer, 1),
            ticketCreated(linkedTicket, customer, conv, 2),
            unsharedTicketCreated(laterLinked, customer, 3),
            ticketCreated(plainTicket, customer, null, 4),
            conversationCreated(otherConv, otherCustomer, 1),
            ticketCreated(otherTicket, otherCustomer, null, 2)});
        batches.add(new String[] {
            linked(laterLinked, conv, 5),
            message(conv, "teammate", 6),
            message(conv, "customer", 7),
            stateChanged(linkedTicket, "in_progress", 8),
            conversationRead(conv, 9),
            ticketRead(plainTicket, 10)});
        batches.add(new String[] {
            message(conv, "teammate", 11),
            conversationState(conv, "snoozed", 12),
            sharingChanged(plainTicket, false, 13),
            stateChanged(otherTicket, "resolved", 14),
            message(otherConv, "teammate", 15)});
        return batches;
    }
}
