package dev.ticketspace.bench;

import dev.ticketspace.cli.SampleCustomers;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Customer;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import dev.ticketspace.subjects.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sample customers as the read-time rules see them, each with Home apps of its own and its rows grouped
 * into subjects as the service groups them; the same for a given seed.
 */
final class GeneratedCustomers {
    private GeneratedCustomers() {
    }

    /** One conversation with its linked tickets, or one ticket without a conversation. */
    record Subject(Customer customer, Conversation conversation, List<Ticket> tickets) {
        /** The facts of the subject scope, as the service inserts them. */
        List<Object> facts() {
            List<Object> facts = new ArrayList<>(tickets.size() + 2);
            facts.add(customer);
            if (conversation != null) {
                facts.add(conversation);
            }
            facts.addAll(tickets);
            return facts;
        }
    }

    record Facts(Settings settings, Customer customer, List<Subject> subjects) {
    }

    static List<Facts> generate(int count, int tickets, int conversations, long seed) {
        Random random = new Random(seed);
        SampleCustomers samples = new SampleCustomers(seed);
        List<Facts> customers = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            List<String> apps = random.nextInt(10) == 0 ? List.of("help_center") : List.of("help_center", "tickets");
            SampleCustomers.SampleCustomer sample = samples.next("c" + n, tickets, conversations);
            Customer customer = new Customer("bench", sample.id());
            List<Subject> subjects = Cluster.all(sample.tickets(), sample.conversations()).stream()
                    .map(cluster -> new Subject(customer,
                            cluster.conversation() == null ? null : Conversation.of(cluster.conversation()),
                            cluster.tickets().stream().map(Ticket::of).toList()))
                    .toList();
            customers.add(new Facts(new Settings("bench", apps, 3), customer, subjects));
        }
        return customers;
    }
}
