package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.ShippedConfig;
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
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No credential reaches a log: an app configured as config.yml ships it, logging at INFO, in text and with
 * {@code TICKETSPACE_LOG_FORMAT=json}, is sent API keys, customer tokens, a stream ticket (in the one URL
 * that takes one), credentials in URLs and a webhook secret; then neither log holds any of them. In JSON
 * both logs are one JSON object a line, and a request's {@code uri} is its path alone.
 */
class LogSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** access-json's default fields: none holds a query string, a header but the user agent, or a body. */
    private static final Set<String> REQUEST_FIELDS = Set.of("timestamp", "method", "protocol", "uri", "status",
            "contentLength", "remoteAddress", "remoteUser", "requestTime", "userAgent");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void noKeyTokenTicketOrSecretIsEverLogged(String logFormat) throws Exception {
        Path requests = temp.resolve("requests.log");
        Path application = temp.resolve("application.log");
        DropwizardAppExtension<TicketspaceConfiguration> app = ShippedConfig.app(logFormat, application, requests,
                ConfigOverride.config("webhooks.allowedTargets", "127.0.0.1"));
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
            HttpResponse<InputStream> stream = ApiContract.checked(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(api.base() + "/api/v1/messenger/stream?ticket=" + ticket))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
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
        if (logFormat.equals("json")) {
            List<JsonNode> requestLines = jsonLines(requests);
            for (JsonNode request : requestLines) {
                assertThat(request.fieldNames()).toIterable().as(request.toString()).isSubsetOf(REQUEST_FIELDS)
                        .contains("timestamp", "method", "uri", "status");
                assertThat(request.get("uri").asText()).as(request.toString()).startsWith("/").doesNotContain("?");
            }
            assertThat(requestLines).as("the stream opened with its ticket")
                    .anySatisfy(request -> assertThat(request.get("uri").asText()).isEqualTo("/api/v1/messenger/stream"));
            assertThat(jsonLines(application)).isNotEmpty().allSatisfy(line ->
                    assertThat(line.fieldNames()).toIterable().contains("timestamp", "level", "logger", "message"));
        }
    }

    /** Each line of the file, which must be a JSON object. */
    private static List<JsonNode> jsonLines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            lines.add(json);
        }
        return lines;
    }
}
