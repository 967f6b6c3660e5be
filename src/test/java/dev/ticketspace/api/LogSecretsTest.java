package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Editors;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No credential reaches a log: an app logging at INFO, with the request log in the shipped format, is
 * sent API keys, customer tokens, a stream ticket (in the one URL that takes one), credentials in URLs
 * and a webhook secret; then neither log holds any of them.
 */
class LogSecretsTest {
    private static final Pattern LOG_FORMAT = Pattern.compile("(?m)^\\s*logFormat: '(.*)'$");

    @TempDir
    Path temp;

    @Test
    void noKeyTokenTicketOrSecretIsEverLogged() throws Exception {
        Path requests = temp.resolve("requests.log");
        Path application = temp.resolve("application.log");
        DropwizardAppExtension<TicketspaceConfiguration> app = new DropwizardAppExtension<>(
                TicketspaceApplication.class, config(requests, application).toString(),
                // All of the database: apps of other tests leave their overrides as system properties.
                ConfigOverride.config("database.url", Backend.H2.freshDatabaseUrl()),
                ConfigOverride.config("database.driverClass", "org.h2.Driver"),
                ConfigOverride.config("database.user", "sa"),
                ConfigOverride.config("database.password", ""),
                ConfigOverride.config("rules.directory", "rules"));
        Apps.start(app);
        List<String> secrets = new ArrayList<>();
        try {
            Api api = new Api(app, "demo");
            secrets.add(api.workspace().apiKey());
            String customer = Api.id("c");
            String token = api.token(customer);
            secrets.add(token);
            assertThat(api.withToken(token, "GET", "/api/v1/messenger").status()).isEqualTo(200);
            assertThat(api.settings().status()).isEqualTo(200);
            assertThat(api.withToken(null, "GET", "/api/v1/messenger?access_token=" + token).status()).isEqualTo(400);
            assertThat(api.withToken(null, "GET", "/api/v1/workspaces/demo/messenger/settings?api_key="
                    + api.workspace().apiKey()).status()).isEqualTo(400);
            assertThat(api.withToken("forged." + token, "GET", "/api/v1/messenger").status()).isEqualTo(401);

            String ticket = api.withToken(token, "POST", "/api/v1/messenger/stream-tickets").json().get("ticket").asText();
            secrets.add(ticket);
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            api.base() + "/api/v1/messenger/stream?ticket=" + ticket))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = stream.body()) {
                assertThat(stream.statusCode()).isEqualTo(200);
                body.readNBytes(100);
            }

            String secret = "whsec_" + Base64.getEncoder().encodeToString(
                    "a webhook secret of the log test".getBytes(StandardCharsets.UTF_8));
            secrets.add(secret);
            assertThat(api.withApiKey(api.workspace().apiKey(), "PUT", "/api/v1/workspaces/demo/webhooks/log-test",
                    "{\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"ticket.read\"], \"secret\": \"" + secret + "\"}")
                    .status()).isEqualTo(201);

            // a rule editor's password, good and bad, and their Basic headers
            for (String password : List.of(Editors.PASSWORDS.get(Editors.ALICE), "a wrong editor password")) {
                Editors editor = Editors.withPassword(app, Editors.ALICE, password);
                editor.get("versions");
                secrets.add(password);
                secrets.add(Base64.getEncoder().encodeToString((Editors.ALICE + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            app.after();
        }

        String logged = Files.readString(requests) + Files.readString(application);
        assertThat(Files.readString(requests)).as("the request log was written").contains("/api/v1/messenger/stream");
        for (String value : secrets) {
            assertThat(logged).as("the logs").doesNotContain(value);
        }
    }

    /** The test configuration, logging at INFO to a file and with the shipped request log format. */
    private Path config(Path requests, Path application) throws Exception {
        Matcher format = LOG_FORMAT.matcher(Files.readString(Path.of("config.yml")));
        assertThat(format.find()).as("config.yml sets the request log's format").isTrue();
        String config = Files.readString(Path.of(Backend.CONFIG));
        String quiet = "  requestLog:\n    appenders: []\n";
        assertThat(config).contains(quiet).contains("logging:\n  level: WARN\n");
        config = config.replace(quiet, "  requestLog:\n    appenders:\n      - type: file\n        currentLogFilename: "
                        + requests + "\n        archive: false\n        logFormat: '" + format.group(1) + "'\n")
                .replace("logging:\n  level: WARN\n", "logging:\n  level: INFO\n  appenders:\n    - type: file\n"
                        + "      currentLogFilename: " + application + "\n      archive: false\n");
        return Files.writeString(temp.resolve("log-test-config.yml"), config);
    }
}
