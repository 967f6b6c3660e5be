package dev.ticketspace.bench;

import dev.ticketspace.cli.SampleCustomers;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The facts of sample customers, each with Home apps of its own, the same for a given seed. */
final class GeneratedCustomers {
    private GeneratedCustomers() {
    }

    record Facts(Settings settings, String customerId, List<Ticket> tickets, List<Conversation> conversations) {
        List<Object> all() {
            List<Object> all = new ArrayList<>(tickets.size() + conversations.size() + 2);
            all.add(settings);
            all.add(new Customer(settings.workspaceId(), customerId));
            all.addAll(tickets);
            all.addAll(conversations);
            return all;
        }
    }

    static List<Facts> generate(int count, int tickets, int conversations, long seed) {
        Random random = new Random(seed);
        SampleCustomers samples = new SampleCustomers(seed);
        List<Facts> customers = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            List<String> apps = random.nextInt(10) == 0 ? List.of("help_center") : List.of("help_center", "tickets");
            SampleCustomers.SampleCustomer customer = samples.next("c" + n, tickets, conversations);
            customers.add(new Facts(new Settings("bench", apps, 3), customer.id(),
                    customer.tickets().stream().map(Ticket::of).toList(),
                    customer.conversations().stream().map(Conversation::of).toList()));
        }
        return customers;
    }
}
