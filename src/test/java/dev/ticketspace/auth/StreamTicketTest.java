package dev.ticketspace.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stream tickets over real HTTP: traded for a customer token, they open that customer's stream once;
 * used, unknown or on another endpoint they open nothing. Credentials in a URL are refused everywhere.
 */
class StreamTicketTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTicketOpensItsCustomersStreamOnceWithinItsLifetime(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        Api.Reply issued = api.asCustomer(customer, "POST", "/api/v1/messenger/stream-tickets");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String ticket = issued.json().get("ticket").asText();
        Instant expiresAt = Instant.parse(issued.json().get("expiresAt").asText());
        assertThat(ticket).hasSizeGreaterThanOrEqualTo(40);
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));

        HttpResponse<InputStream> stream = open(api, ticket);
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            String first = new String(body.readNBytes(200), StandardCharsets.UTF_8);
            assertThat(first).contains("\"customerId\":\"" + customer + "\"");
        }
        HttpResponse<InputStream> again = open(api, ticket);
        try (InputStream body = again.body()) {
            assertThat(again.statusCode()).as("a used ticket").isEqualTo(401);
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("invalid_stream_ticket");
        }
        HttpResponse<InputStream> unknown = open(api, "not-a-ticket-we-issued");
        try (InputStream ignored = unknown.body()) {
            assertThat(unknown.statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTicketOpensNothingButTheStream(Backend backend) {
        Api api = Api.demo(backend);
        String customer = Api.id("c");
        String ticket = api.asCustomer(customer, "POST", "/api/v1/messenger/stream-tickets").json().get("ticket").asText();
        assertThat(api.withToken(null, "GET", "/api/v1/messenger?ticket=" + ticket).status()).isEqualTo(401);
        assertThat(api.withToken(null, "GET", "/api/v1/messenger/tickets?ticket=" + ticket).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void credentialsInTheUrlAreRefusedOnEveryEndpoint(Backend backend) {
        Api api = Api.demo(backend);
        String token = api.token(Api.id("c"));
        String key = api.workspace().apiKey();
        for (String path : new String[] {"/api/v1/messenger?access_token=" + token,
                "/api/v1/messenger/stream?access_token=" + token,
                "/api/v1/workspaces/demo/messenger/settings?access_token=" + key,
                "/api/v1/workspaces/demo/messenger/settings?api_key=" + key,
                "/api/v1/messenger/ping?Token=" + token}) {
            Api.Reply reply = api.withToken(null, "GET", path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).as(path).isEqualTo("credentials_in_url");
            assertThat(reply.body()).as("the answer never repeats the credential").doesNotContain(token).doesNotContain(key);
        }
    }

    private static HttpResponse<InputStream> open(Api api, String ticket) throws Exception {
        return ApiContract.checked(HTTP.send(HttpRequest.newBuilder(URI.create(api.base()
                        + "/api/v1/messenger/stream?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    }
}
