package dev.ticketspace.cli;

import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.auth.CustomerTokens;
import dev.ticketspace.store.ConversationDao;
import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.Store;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.workspaces.Workspaces;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code generate --workspace demo --customers 10000 [--tokens tokens.txt] [config.yml]}: fills the
 * configured database with sample customers (for benchmarks and demos), written in batches, and
 * optionally writes one customer token per line.
 */
public final class GenerateCommand extends TicketspaceCommand {
    private static final int CUSTOMERS_PER_TRANSACTION = 500;
    /** Each customer gets 0 to twice the average. */
    private static final int MAX_AVERAGE = 1000;

    public GenerateCommand() {
        super("generate", "Fills the database with sample customers, tickets and conversations");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--workspace").required(true).help("workspace id, e.g. demo");
        subparser.addArgument("--customers").type(Integer.class).setDefault(10_000)
                .choices(Arguments.range(1, Integer.MAX_VALUE)).help("how many (default 10000)");
        subparser.addArgument("--tickets").type(Integer.class).setDefault(5)
                .choices(Arguments.range(0, MAX_AVERAGE)).help("tickets per customer on average");
        subparser.addArgument("--conversations").type(Integer.class).setDefault(6)
                .choices(Arguments.range(0, MAX_AVERAGE)).help("conversations per customer on average");
        subparser.addArgument("--prefix").setDefault("sample-").help("customer ids are this plus a number");
        subparser.addArgument("--seed").type(Long.class).setDefault(1L).help("the same seed makes the same data");
        subparser.addArgument("--tokens").help("write a customer token per line to this file");
    }

    @Override
    protected void run(Bootstrap<TicketspaceConfiguration> bootstrap, Namespace namespace,
                       TicketspaceConfiguration configuration) throws Exception {
        String workspaceId = namespace.getString("workspace");
        Workspaces workspaces = workspacesWithTheOneNamed(namespace, configuration);
        List<String> customerIds = new ArrayList<>();
        for (int n = 1; n <= namespace.getInt("customers"); n++) {
            customerIds.add(namespace.getString("prefix") + n);
        }
        long started = System.nanoTime();
        ManagedDataSource dataSource = configuration.getDatabase().build(new MetricRegistry(), "generate");
        try {
            Store.migrate(dataSource);
            write(Store.jdbi(dataSource), workspaceId, customerIds, new SampleCustomers(namespace.getLong("seed")),
                    namespace.getInt("tickets"), namespace.getInt("conversations"));
        } finally {
            dataSource.stop();
        }
        System.out.printf("generated %d customers in workspace %s in %.1f s%n", customerIds.size(), workspaceId,
                (System.nanoTime() - started) / 1e9);
        String tokensFile = namespace.getString("tokens");
        if (tokensFile != null) {
            Duration lifetime = configuration.getTokens().maxLifetime().toJavaDuration();
            writeTokens(Path.of(tokensFile), new CustomerTokens(workspaces, lifetime, Clock.systemUTC()), lifetime,
                    workspaceId, customerIds);
        }
    }

    private static void write(Jdbi jdbi, String workspaceId, List<String> customerIds, SampleCustomers samples,
                              int averageTickets, int averageConversations) {
        for (int from = 0; from < customerIds.size(); from += CUSTOMERS_PER_TRANSACTION) {
            List<String> chunk = customerIds.subList(from, Math.min(customerIds.size(), from + CUSTOMERS_PER_TRANSACTION));
            List<SampleCustomers.SampleCustomer> customers = chunk.stream()
                    .map(id -> samples.around(id, averageTickets, averageConversations)).toList();
            jdbi.useTransaction(handle -> {
                handle.attach(CustomerDao.class).insertAll(workspaceId, chunk);
                handle.attach(ConversationDao.class).insertAll(workspaceId,
                        customers.stream().flatMap(customer -> customer.conversations().stream()).toList());
                handle.attach(TicketDao.class).insertAll(workspaceId,
                        customers.stream().flatMap(customer -> customer.tickets().stream()).toList());
            });
        }
    }

    private static void writeTokens(Path file, CustomerTokens tokens, Duration lifetime, String workspaceId,
                                    List<String> customerIds) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (String customerId : customerIds) {
                out.write(tokens.mint(workspaceId, customerId, lifetime));
                out.newLine();
            }
        }
        System.out.printf("wrote %d tokens (valid for %s) to %s%n", customerIds.size(), lifetime, file);
    }
}
