package dev.ticketspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.ApiContract;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Hostile;
import dev.ticketspace.support.Refusals;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request refused before its body was read to the end keeps its connection: the service reads the rest
 * of the body, so the client, which sends all of it before it reads the answer, gets the answer rather
 * than a reset connection. Only a body declared past what the service will read is answered with
 * {@code Connection: close}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RefusedBodiesTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyRefusedForWhatItHoldsIsReadToItsEndAndTheConnectionKept(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        String key = "Bearer " + api.workspace().apiKey();
        String event = "{\"type\":\"ticket.created\",\"id\":\"" + Api.id("ev") + "\",\"title\":";
        // Refused where the title should be a string, its first kilobytes read and the stream closed behind them.
        String wrongTitle = "{\"events\":[" + event + Hostile.nestedObjects(50_000) + "}]}";
        ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
        notUtf8.writeBytes(("{\"events\":[" + event + "\"").getBytes(StandardCharsets.UTF_8));
        notUtf8.write(0xff);
        notUtf8.writeBytes(("x".repeat(300_000) + "\"}]}").getBytes(StandardCharsets.UTF_8));

        for (int i = 0; i < 20; i++) {
            assertKept(post(api, key, wrongTitle.getBytes(StandardCharsets.UTF_8)), 400, "invalid_field");
        }
        assertKept(post(api, key, notUtf8.toByteArray()), 400, "invalid_json");
        assertKept(post(api, "Bearer wrong", wrongTitle.getBytes(StandardCharsets.UTF_8)), 401, "unauthorized");
        assertKept(post(api, key, new byte[(int) BodySizeLimit.ONE_MIB + 100_000]), 413, "body_too_large");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyDeclaredLongerThanTheServiceReadsIsRefusedAndItsConnectionClosed(Backend backend) throws Exception {
        Api api = Api.demo(backend);
        try (Socket socket = new Socket("localhost", api.app().getLocalPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/v1/workspaces/demo/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + api.workspace().apiKey() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (RefusedBodies.READ_AT_MOST + 1) + "\r\n\r\n{\"events\":[")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("\r\nConnection: close\r\n")
                    .contains("\"code\":\"body_too_large\"");
        }
    }

    private HttpResponse<String> post(Api api, String authorization, byte[] body) throws Exception {
        return ApiContract.checked(http.send(HttpRequest.newBuilder(URI.create(api.base()
                        + "/api/v1/workspaces/demo/events")).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void assertKept(HttpResponse<String> response, int status, String code) {
        Refusals.assertRefused(new Api.Reply(response.statusCode(), response.body()), status, "a refused body", code);
        assertThat(response.headers().firstValue("Connection")).as("Connection of a %d", status).isEmpty();
    }
}
