package dev.ticketspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.BrowserHttp;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CORS over real HTTP: the demo workspace lists https://shop.example, the other workspace
 * https://other.example (test-config.yml).
 */
class CorsTest {
    private static final String SHOP = "https://shop.example";
    private static final String OTHERS_SHOP = "https://other.example";
    private static final String STRANGER = "https://evil.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPreflightFromAnAllowedOriginIsAnsweredForTheMessengerApi(Backend backend) {
        Api api = Api.demo(backend);

        HttpResponse<String> preflight = BrowserHttp.preflight(api, "/api/v1/messenger/conversations/c1/read", SHOP,
                "POST", "authorization,content-type,last-event-id,idempotency-key");

        assertThat(preflight.statusCode()).isBetween(200, 204);
        HttpHeaders headers = preflight.headers();
        assertThat(headers.firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        assertThat(csv(headers, "Access-Control-Allow-Methods")).contains("get", "post", "put", "delete", "options");
        assertThat(csv(headers, "Access-Control-Allow-Headers"))
                .contains("authorization", "content-type", "last-event-id", "idempotency-key");
        assertThat(csv(headers, "Vary")).contains("origin");
        assertThat(headers.firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(headers.firstValue("Access-Control-Max-Age")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void responsesToAnAllowedOriginCarryItAndVaryOnOrigin(Backend backend) {
        Api api = Api.demo(backend);
        String token = api.token(Api.id("c"));

        HttpResponse<String> state = BrowserHttp.send(api, "GET", "/api/v1/messenger", null,
                "Origin", SHOP, "Authorization", "Bearer " + token);
        HttpResponse<String> stream = BrowserHttp.send(api, "GET", "/api/v1/messenger/stream?unknown=1", null,
                "Origin", SHOP, "Accept", "text/event-stream");

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        assertThat(csv(state.headers(), "Vary")).contains("origin");
        assertThat(csv(state.headers(), "Access-Control-Expose-Headers")).contains("retry-after", "www-authenticate");
        // an error is readable by the page too, so that it can tell the user
        assertThat(stream.statusCode()).isEqualTo(401);
        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOriginNoWorkspaceListsGetsNoCorsHeaders(Backend backend) {
        Api api = Api.demo(backend);

        HttpResponse<String> preflight = BrowserHttp.preflight(api, "/api/v1/messenger", STRANGER, "GET", "authorization");
        HttpResponse<String> state = BrowserHttp.send(api, "GET", "/api/v1/messenger", null,
                "Origin", STRANGER, "Authorization", "Bearer " + api.token(Api.id("c")));

        assertThat(accessControlHeaders(preflight)).isEmpty();
        assertThat(accessControlHeaders(state)).isEmpty();
        // the browser keeps the page from reading it; the answer does not hold the state either
        assertThat(state.statusCode()).isEqualTo(403);
        assertThat(code(state)).isEqualTo("origin_not_allowed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCustomerTokenIsRefusedFromAnOriginThatOnlyAnotherWorkspaceLists(Backend backend) {
        Api demo = Api.demo(backend);
        Api other = new Api(backend.app(), "other");
        String customer = Api.id("c");

        HttpResponse<String> fromOthersShop = BrowserHttp.send(demo, "GET", "/api/v1/messenger", null,
                "Origin", OTHERS_SHOP, "Authorization", "Bearer " + demo.token(customer));
        HttpResponse<String> fromItsOwnShop = BrowserHttp.send(other, "GET", "/api/v1/messenger", null,
                "Origin", OTHERS_SHOP, "Authorization", "Bearer " + other.token(customer));

        assertThat(fromOthersShop.statusCode()).isEqualTo(403);
        assertThat(code(fromOthersShop)).isEqualTo("origin_not_allowed");
        assertThat(fromOthersShop.body()).doesNotContain(customer);
        assertThat(fromItsOwnShop.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theServicesOwnOriginAndClientsWithoutOriginAreNotCrossOrigin(Backend backend) {
        Api api = Api.demo(backend);
        String token = api.token(Api.id("c"));

        HttpResponse<String> sameOrigin = BrowserHttp.send(api, "GET", "/api/v1/messenger", null,
                "Origin", api.base(), "Authorization", "Bearer " + token);
        HttpResponse<String> server = BrowserHttp.send(api, "GET", "/api/v1/messenger", null,
                "Authorization", "Bearer " + token);

        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(server.statusCode()).isEqualTo(200);
        assertThat(accessControlHeaders(server)).isEmpty();
        assertThat(csv(server.headers(), "Vary")).contains("origin");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theBackOfficeApiIsNotOpenToPages(Backend backend) {
        Api api = Api.demo(backend);
        String path = "/api/v1/workspaces/demo/messenger/settings";

        HttpResponse<String> preflight = BrowserHttp.preflight(api, path, SHOP, "GET", "authorization");
        HttpResponse<String> settings = BrowserHttp.send(api, "GET", path, null,
                "Origin", SHOP, "Authorization", "Bearer " + api.workspace().apiKey());

        assertThat(accessControlHeaders(preflight)).isEmpty();
        assertThat(accessControlHeaders(settings)).isEmpty();
        assertThat(settings.statusCode()).isEqualTo(200);
    }

    private static List<String> csv(HttpHeaders headers, String name) {
        return headers.allValues(name).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(value -> value.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> accessControlHeaders(HttpResponse<String> response) {
        return response.headers().map().keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-")).toList();
    }

    private static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("code").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
