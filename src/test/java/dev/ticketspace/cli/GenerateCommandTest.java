package dev.ticketspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.ConfigFiles;
import dev.ticketspace.support.Db;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code generate} fills a database the service then serves, and writes tokens that work. */
class GenerateCommandTest {
    private static final int CUSTOMERS = 30;

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void generatedCustomersAreServedWithTheTokensWritten(Backend backend) throws Exception {
        // a database of its own: the shared one stays as the shared apps' change feeds know it
        String url = Db.privateDatabase(backend, "generate");
        Path tokens = folder.resolve("tokens.txt");
        DropwizardAppExtension<TicketspaceConfiguration> app = backend.newApp(url);
        Apps.start(app);
        try {
            new TicketspaceApplication().run("generate", "--workspace", "demo", "--customers", String.valueOf(CUSTOMERS),
                    "--prefix", "gen-", "--tokens", tokens.toString(), Apps.configFileOn(app, folder).toString());

            Jdbi jdbi = Db.of(app);
            assertThat(count(jdbi, "customers")).isEqualTo(CUSTOMERS);
            assertThat(count(jdbi, "tickets")).isGreaterThan(CUSTOMERS);
            assertThat(count(jdbi, "conversations")).isGreaterThan(CUSTOMERS);
            List<String> written = Files.readAllLines(tokens);
            assertThat(written).hasSize(CUSTOMERS);

            Api api = new Api(app, "demo");
            for (int n = 1; n <= CUSTOMERS; n++) {
                String customer = "gen-" + n;
                Api.Reply state = api.withToken(written.get(n - 1), "GET", "/api/v1/messenger");
                assertThat(state.status()).as(state.body()).isEqualTo(200);
                Api.Reply conversations = api.withToken(written.get(n - 1), "GET", "/api/v1/messenger/conversations?limit=100");
                assertThat(conversations.json().get("conversations")).as(customer).hasSize(conversationsOf(jdbi, customer));
            }
        } finally {
            app.after();
            Db.dropForOwnApp(backend, url);
        }
    }

    /** The test configuration with the database of the running app: the command reads a file. */
    private Path configOn(DropwizardAppExtension<TicketspaceConfiguration> app) throws Exception {
        DataSourceFactory database = app.getConfiguration().getDatabase();
        return ConfigFiles.withDatabase(Backend.CONFIG, folder.resolve("config.yml"), database.getDriverClass(),
                database.getUrl(), database.getUser(), database.getPassword());
    }

    private static int count(Jdbi jdbi, String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = 'demo'")
                .mapTo(Integer.class).one());
    }

    private static int conversationsOf(Jdbi jdbi, String customer) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM conversations WHERE workspace_id = 'demo' AND customer_id = :c")
                .bind("c", customer).mapTo(Integer.class).one());
    }
}
