package dev.ticketspace.rulesets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * {@code /api/v1/rules} of a running service, as a rule editor, for the CLI's {@code rules publish} and
 * {@code rules preview}. The password is sent, never printed.
 */
public final class RulesClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json;
    private final URI api;
    private final String authorization;

    public RulesClient(ObjectMapper json, String baseUrl, String editor, String password) {
        this.json = json;
        this.api = URI.create(baseUrl.replaceFirst("/+$", "") + "/api/v1/rules/");
        if (api.getUserInfo() != null) {
            throw new IllegalArgumentException("give the editor's name and password apart, not in the URL");
        }
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((editor + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer: its status and JSON body. */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The error's message, or the status. */
        public String error() {
            return body.path("message").asText("HTTP " + status);
        }
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    public Reply post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.header("Authorization", authorization)
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode().put("message", "HTTP " + response.statusCode() + " with a body that is not JSON");
        }
        return new Reply(response.statusCode(), body == null ? json.createObjectNode() : body);
    }
}
