package dev.ticketspace.cli;

import dev.ticketspace.store.ConversationRow;
import dev.ticketspace.store.DecisionTrail;
import dev.ticketspace.store.TicketRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up customers with mixed ticket categories, conversation states, links and read marks: the same
 * sequence for a given seed. Ids are unique per customer id, so customers can share one workspace.
 */
public final class SampleCustomers {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CATEGORIES = {"submitted", "in_progress", "waiting_on_customer", "resolved"};
    private static final String[] LABELS = {"Submitted", "In progress", "Waiting on you", "Resolved"};
    private static final String[] STATES = {"open", "snoozed", "closed"};

    private final Random random;

    public SampleCustomers(long seed) {
        this.random = new Random(seed);
    }

    public record SampleCustomer(String id, List<TicketRow> tickets, List<ConversationRow> conversations) {
    }

    /** A customer with exactly this many tickets and conversations. */
    public SampleCustomer next(String customerId, int ticketCount, int conversationCount) {
        List<ConversationRow> conversations = new ArrayList<>(conversationCount);
        for (int i = 0; i < conversationCount; i++) {
            int messages = random.nextInt(4);
            conversations.add(new ConversationRow(customerId + "-conv" + i, customerId, STATES[random.nextInt(STATES.length)],
                    messages, messages == 0 ? null : time(), messages == 0 || random.nextBoolean() ? null : time(),
                    random.nextBoolean() ? time() : null, START, START));
        }
        List<TicketRow> tickets = new ArrayList<>(ticketCount);
        for (int i = 0; i < ticketCount; i++) {
            int category = random.nextInt(CATEGORIES.length);
            boolean linked = i < conversationCount && random.nextInt(3) != 0;
            tickets.add(new TicketRow(customerId + "-t" + i, customerId, "Ticket " + i, CATEGORIES[category],
                    LABELS[category], random.nextInt(8) != 0, linked ? conversations.get(i).id() : null,
                    START, START, START, time(), random.nextBoolean() ? time() : null,
                    random.nextBoolean() ? time() : null, random.nextInt(5) == 0 ? null : time(),
                    DecisionTrail.EMPTY));
        }
        return new SampleCustomer(customerId, tickets, conversations);
    }

    /** A customer with on average this many tickets and conversations (uniformly 0 to twice as many). */
    public SampleCustomer around(String customerId, int averageTickets, int averageConversations) {
        return next(customerId, random.nextInt(2 * averageTickets + 1), random.nextInt(2 * averageConversations + 1));
    }

    private Instant time() {
        return START.plusSeconds(random.nextInt(100_000));
    }
}
