package dev.ticketspace.bench;

import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Customers with mixed states and read marks, the same for a given seed. */
final class GeneratedCustomers {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CATEGORIES = {"submitted", "in_progress", "waiting_on_customer", "resolved"};
    private static final String[] STATES = {"open", "snoozed", "closed"};

    private GeneratedCustomers() {
    }

    record Facts(Settings settings, List<Ticket> tickets, List<Conversation> conversations) {
        List<Object> all() {
            List<Object> all = new ArrayList<>(tickets.size() + conversations.size() + 2);
            all.add(settings);
            all.add(new Customer(settings.workspaceId(), "c"));
            all.addAll(tickets);
            all.addAll(conversations);
            return all;
        }
    }

    static List<Facts> generate(int count, int tickets, int conversations, long seed) {
        Random random = new Random(seed);
        List<Facts> customers = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            List<String> apps = random.nextInt(10) == 0 ? List.of("help_center") : List.of("help_center", "tickets");
            Settings settings = new Settings("bench", apps, 3);
            List<Conversation> conversationFacts = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                int messages = random.nextInt(4);
                conversationFacts.add(new Conversation("conv" + i, "c", STATES[random.nextInt(STATES.length)], messages,
                        messages == 0 ? null : time(random), messages == 0 || random.nextBoolean() ? null : time(random),
                        random.nextBoolean() ? time(random) : null, START, START));
            }
            List<Ticket> ticketFacts = new ArrayList<>();
            for (int i = 0; i < tickets; i++) {
                ticketFacts.add(new Ticket("t" + i, "c", "Ticket " + i, CATEGORIES[random.nextInt(CATEGORIES.length)],
                        "label", random.nextInt(8) != 0, i < conversations && random.nextInt(3) != 0 ? "conv" + i : null,
                        START, START, START, time(random), random.nextBoolean() ? time(random) : null,
                        random.nextBoolean() ? time(random) : null, random.nextInt(5) == 0 ? null : time(random)));
            }
            customers.add(new Facts(settings, ticketFacts, conversationFacts));
        }
        return customers;
    }

    private static Instant time(Random random) {
        return START.plusSeconds(random.nextInt(100_000));
    }
}
