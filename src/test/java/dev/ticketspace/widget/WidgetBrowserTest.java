package dev.ticketspace.widget;

import static dev.ticketspace.support.Events.conversationCreated;
import static dev.ticketspace.support.Events.message;
import static dev.ticketspace.support.Events.stateChanged;
import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Browser;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The reference widget in a real Chromium, on a host page of another origin than the API (allowed by the
 * workspace's allowedOrigins), against the real application. H2 only: these tests check what a person sees;
 * the SQL under it is tested on both backends elsewhere.
 */
class WidgetBrowserTest {
    /** The live bound: a back-office change shows up in the widget within this, without a reload. */
    private static final Duration LIVE = Duration.ofSeconds(2);
    /** First render of a freshly loaded page. */
    private static final Duration LOAD = Duration.ofSeconds(10);

    private static HostPage shop;
    private static HostPage stranger;
    private static Api api;
    private static Browser browser;
    private WidgetView widget;

    @BeforeAll
    static void start() throws Exception {
        shop = new HostPage();
        stranger = new HostPage();
        List<ConfigOverride> overrides = List.of(ConfigOverride.config("workspaces[0].allowedOrigins", shop.origin()),
                ConfigOverride.config("demo.enabled", "true"));
        DropwizardAppExtension<TicketspaceConfiguration> app = Backend.H2.newApp(Backend.H2.freshDatabaseUrl(),
                overrides.toArray(ConfigOverride[]::new));
        Apps.start(app);
        // Overrides are system properties: the shared applications started later must not see these.
        overrides.forEach(ConfigOverride::removeFromSystemProperties);
        api = new Api(app, "demo");
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
        shop.close();
        stranger.close();
    }

    @BeforeEach
    void view() {
        widget = new WidgetView(browser.driver());
    }

    @AfterEach
    void leave() {
        browser.driver().get("about:blank");
    }

    @Test
    void firstRenderShowsTheSpacesTheCardAndTheBadges() {
        String customer = Api.id("c");
        api.apply(conversationCreated("conv-" + customer, customer, 1), ticketCreated("t1-" + customer, customer, "conv-" + customer, 2),
                message("conv-" + customer, "teammate", 3), ticketCreated("t2-" + customer, customer, null, 4));

        open(customer);
        browser.await(LOAD, "the widget renders the customer's state", () -> widget.total() == 3);
        widget.launcher().click();

        assertThat(widget.spaces()).containsExactly("home", "messages", "tickets");
        assertThat(widget.badge("home")).isZero();
        assertThat(widget.badge("messages")).isEqualTo(1);
        assertThat(widget.badge("tickets")).isEqualTo(2);
        assertThat(widget.cardTickets()).containsExactly("t2-" + customer, "t1-" + customer);
        assertThat(widget.one("[data-ts-ticket=\"t1-" + customer + "\"] [data-ts-action]").getDomAttribute("data-ts-action"))
                .isEqualTo("continue_conversation");

        widget.one("[data-ts-space=\"messages\"]").click();
        browser.await(LOAD, "Messages lists the conversation with its ticket",
                () -> widget.has("[data-ts-conversation=\"conv-" + customer + "\"] [data-ts-ticket=\"t1-" + customer + "\"]"));
        assertThat(widget.has("[data-ts-conversation=\"conv-" + customer + "\"] [data-ts-unread]")).isTrue();
    }

    @Test
    void aBackOfficeEventShowsUpLiveWithoutAReload() {
        String customer = Api.id("c");
        api.apply(ticketCreated("t1-" + customer, customer, null, 1));
        open(customer);
        browser.await(LOAD, "first render", () -> widget.total() == 1);
        widget.launcher().click();
        Object page = page();

        api.apply(ticketCreated("t2-" + customer, customer, null, 2));

        browser.await(LIVE, "the new ticket on the card and in the badges",
                () -> widget.cardTickets().contains("t2-" + customer) && widget.badge("tickets") == 2 && widget.total() == 2);
        assertThat(page()).as("no reload").isEqualTo(page);
    }

    @Test
    void aTicketsActionOpensItsConversationAndBothBadgesClear() {
        String customer = Api.id("c");
        String conversation = "conv-" + customer;
        String ticket = "t-" + customer;
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated(ticket, customer, conversation, 2),
                message(conversation, "teammate", 3), stateChanged(ticket, "in_progress", 4));
        open(customer);
        browser.await(LOAD, "first render", () -> widget.total() == 2);
        widget.launcher().click();
        widget.one("[data-ts-space=\"tickets\"]").click();
        browser.await(LOAD, "the Tickets list", () -> widget.has("[data-ts-ticket=\"" + ticket + "\"]"));

        widget.one("[data-ts-ticket=\"" + ticket + "\"] [data-ts-action=\"continue_conversation\"]").click();

        browser.await(LIVE, "the conversation view, read", () -> widget.has("section[data-ts-conversation=\"" + conversation + "\"]")
                && widget.badge("messages") == 0 && widget.badge("tickets") == 0 && widget.total() == 0);
        assertThat(api.state(customer).json().at("/spaces/1/badge").asInt()).isZero();
    }

    @Test
    void disablingTheTicketsAppHidesTheSpaceLive() {
        String customer = Api.id("c");
        api.apply(ticketCreated("t-" + customer, customer, null, 1));
        open(customer);
        browser.await(LOAD, "first render", () -> widget.spaces().contains("tickets"));
        widget.launcher().click();
        widget.one("[data-ts-space=\"tickets\"]").click();
        try {
            api.removeHomeApp("tickets");
            browser.await(LIVE, "the Tickets space gone, Home shown without the card", () -> widget.spaces().equals(List.of("home", "messages"))
                    && !widget.has("[data-ts-card]") && "true".equals(widget.one("[data-ts-space=\"home\"]").getDomAttribute("aria-selected")));
            assertThat(widget.total()).isZero();
        } finally {
            api.addHomeApp("tickets");
        }
        browser.await(LIVE, "the Tickets space back", () -> widget.spaces().contains("tickets"));
    }

    @Test
    void aPageOnAnOriginNotAllowedCannotReadTheState() {
        String customer = Api.id("c");
        api.apply(ticketCreated("t-" + customer, customer, null, 1));
        String token = api.token(customer);
        browser.driver().get(stranger.boot("/shop", api.base(), HostPage.literal(token)));

        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/api/v1/messenger', {headers: {Authorization: 'Bearer ' + arguments[1]}})
                  .then(r => r.text()).then(body => done('read: ' + body), e => done('blocked: ' + e.name));""",
                api.base(), token);

        assertThat(answer).isEqualTo("blocked: TypeError");
        widget.launcher().click();
        browser.await(LOAD, "the widget says it is unavailable", () -> widget.has("[role=alert]"));
        assertThat(widget.spaces()).isEmpty();
        assertThat(widget.total()).isZero();
    }

    @Test
    void tenQuickReloadsLeaveTheStreamWorking() {
        String customer = Api.id("c");
        api.apply(ticketCreated("t1-" + customer, customer, null, 1));
        open(customer);
        for (int i = 0; i < 10; i++) {
            browser.driver().navigate().refresh();
        }
        browser.await(LOAD, "first render after the reloads", () -> widget.total() == 1);

        api.apply(ticketCreated("t2-" + customer, customer, null, 2));

        browser.await(LIVE, "the new ticket's badge, live", () -> widget.total() == 2);
    }

    @Test
    void theLauncherAndATicketWorkWithTheKeyboardAlone() {
        String customer = Api.id("c");
        String conversation = "conv-" + customer;
        api.apply(conversationCreated(conversation, customer, 1), ticketCreated("t-" + customer, customer, conversation, 2),
                message(conversation, "teammate", 3));
        open(customer);
        browser.await(LOAD, "first render", () -> widget.total() == 2);
        Actions keys = new Actions(browser.driver());

        keys.sendKeys(Keys.TAB).perform();
        assertThat(widget.focused()).isEqualTo("data-ts-launcher=");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(widget.open()).isTrue();
        assertThat(widget.focused()).isEqualTo("data-ts-space=home");
        keys.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform();
        assertThat(widget.focused()).isEqualTo("data-ts-space=tickets");
        browser.await(LOAD, "the Tickets list", () -> widget.has("[data-ts-ticket=\"t-" + customer + "\"]"));
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(widget.focused()).isEqualTo("data-ts-action=continue_conversation");
        keys.sendKeys(Keys.ENTER).perform();
        browser.await(LIVE, "the conversation, read", () -> widget.has("section[data-ts-conversation=\"" + conversation + "\"]")
                && widget.total() == 0);
        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(widget.open()).isFalse();
        assertThat(widget.focused()).isEqualTo("data-ts-launcher=");
    }

    @Test
    void anExpiredOrRefusedTokenIsAskedForAgain() {
        String customer = Api.id("c");
        api.apply(ticketCreated("t-" + customer, customer, null, 1));
        browser.driver().get(shop.boot("/refresh", api.base(), HostPage.function("not-a-token", api.token(customer))));

        browser.await(LOAD, "rendered with the second token", () -> widget.total() == 1);
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.tokenCalls")).isEqualTo(2L);
    }

    @Test
    void theDemoShopShowsBadgesMovingLive() throws Exception {
        browser.driver().get(api.base() + "/demo/");
        browser.await(LOAD, "Ada's seeded tickets", () -> widget.total() == 3);
        widget.launcher().click();
        browser.await(LOAD, "Home with the Recent tickets card and the Submit button", () -> widget.cardTickets().size() == 2
                && widget.has("[data-ts-submit-ticket]"));
        // The picture in the README (docs/widget.png is a copy).
        Files.write(Path.of("target", "widget.png"), browser.driver().getScreenshotAs(OutputType.BYTES));

        browser.driver().findElement(By.cssSelector("[data-demo=\"ticket\"]")).click();

        browser.await(LIVE, "the new ticket on the card and the badge", () -> widget.total() == 4
                && widget.badge("tickets") == 3 && widget.cardTickets().size() == 3);
    }

    @Test
    void theDemoShopOffersATicketTypeToSubmit() {
        browser.driver().get(api.base() + "/demo/?customer=demo-grace");
        browser.await(LOAD, "the demo's ticket type offered", () -> widget.has("[data-ts-submit-ticket]"));
        widget.launcher().click();
        widget.one("[data-ts-submit-ticket]").click();
        assertThat(widget.one("[data-ts-ticket-form]").getDomAttribute("data-ts-ticket-form")).isEqualTo("order-problem");
        widget.field("title").sendKeys("The parcel never came");
        widget.field("fields.order").sendKeys("2210");
        new Select(widget.field("fields.problem")).selectByVisibleText("Late delivery");

        widget.one("[data-ts-ticket-form] [type=submit]").click();

        browser.await(LOAD, "Grace's first ticket on the card", () -> widget.cardTickets().size() == 1);
        assertThat(api.tickets("demo-grace").json().at("/tickets/0/title").asText()).isEqualTo("The parcel never came");
    }

    @Test
    void theDemoEndpointsServeOnlyTheDemoCustomers() {
        Api.Reply refused = api.withApiKey(null, "POST", "/demo/token", "{\"customer\": \"c1\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("unknown_demo_customer");
        Api.Reply unknownKind = api.withApiKey(null, "POST", "/demo/events", "{\"customer\": \"demo-grace\", \"kind\": \"x\"}");
        assertThat(unknownKind.code()).isEqualTo("unknown_demo_event");
        assertThat(Api.demo(Backend.H2).withApiKey(null, "GET", "/demo/", null).status())
                .as("off unless demo.enabled").isEqualTo(404);
        assertThat(Api.demo(Backend.H2).withApiKey(null, "POST", "/demo/token", "{\"customer\": \"demo-ada\"}").status())
                .isEqualTo(404);
    }

    @Test
    void theWidgetIsServedAsCacheableJavaScript() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(URI.create(api.base() + "/widget/ticketspace.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(script.body()).contains("Ticketspace").contains("boot(options)");
        String etag = script.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(api.base() + "/widget/ticketspace.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    private void open(String customer) {
        browser.driver().get(shop.boot("/" + customer, api.base(), HostPage.literal(api.token(customer))));
    }

    /** An object that lives as long as the page: a reload replaces it. */
    private Object page() {
        return ((JavascriptExecutor) browser.driver()).executeScript(
                "return window.pageId = window.pageId || Math.random().toString(36)");
    }
}
