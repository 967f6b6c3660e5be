package dev.ticketspace.widget;

import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Browser;
import dev.ticketspace.support.Db;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Submitting a ticket from the reference widget, in a real Chromium, on a host page of another origin
 * than the API, against the real application. The {@code demo} workspace offers one type, {@code bug};
 * {@code w01} starts with none and {@code w02} is for a type that changes under an open form.
 */
class WidgetSubmitBrowserTest {
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final Duration LOAD = Duration.ofSeconds(10);
    private static final String BUG = """
            {"name": "Bug report", "fields": [
              {"id": "steps", "label": "Steps", "type": "textarea", "required": true},
              {"id": "severity", "label": "Severity", "type": "select", "options": ["low", "high"], "required": false},
              {"id": "build", "label": "Build", "type": "number", "required": false}]}""";
    private static final String SUBMIT_TIMER = "dev.ticketspace.messenger.MessengerResource.submitTicket";

    private static HostPage shop;
    private static DropwizardAppExtension<TicketspaceConfiguration> app;
    private static Api demo;
    private static Browser browser;
    private WidgetView widget;

    @BeforeAll
    static void start() throws Exception {
        shop = new HostPage();
        // workspaces[2] and [3] of test-config.yml are w01 and w02.
        List<ConfigOverride> overrides = List.of(ConfigOverride.config("workspaces[0].allowedOrigins", shop.origin()),
                ConfigOverride.config("workspaces[2].allowedOrigins", shop.origin()),
                ConfigOverride.config("workspaces[3].allowedOrigins", shop.origin()));
        app = Backend.H2.newApp(Backend.H2.freshDatabaseUrl(), overrides.toArray(ConfigOverride[]::new));
        Apps.start(app);
        overrides.forEach(ConfigOverride::removeFromSystemProperties);
        demo = new Api(app, "demo");
        defineType(demo, "bug", BUG);
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
        shop.close();
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
    void theButtonShowsOnlyWhileATypeIsOfferedAndSeveralAreChosenAmong() {
        Api api = new Api(app, "w01");
        String customer = Api.id("c");
        api.apply(ticketCreated("t-" + customer, customer, null, 1));
        open(api, customer);
        browser.await(LOAD, "first render", () -> widget.total() == 1);
        widget.launcher().click();
        assertThat(widget.has("[data-ts-submit-ticket]")).as("Home without types").isFalse();
        widget.one("[data-ts-space=\"tickets\"]").click();
        browser.await(LOAD, "the Tickets list", () -> widget.tickets().contains("t-" + customer));
        assertThat(widget.has("[data-ts-submit-ticket]")).as("Tickets without types").isFalse();

        defineType(api, "question", """
                {"name": "A question", "fields": [{"id": "topic", "label": "Topic", "type": "text", "required": true}]}""");
        reopen();
        browser.await(LOAD, "the button once a type is offered", () -> widget.has("[data-ts-submit-ticket]"));
        widget.one("[data-ts-submit-ticket]").click();
        assertThat(widget.one("[data-ts-ticket-form]").getDomAttribute("data-ts-ticket-form")).isEqualTo("question");

        defineType(api, "bug", BUG);
        browser.driver().navigate().refresh();
        browser.await(LOAD, "first render after the reload", () -> widget.total() == 1);
        widget.launcher().click();
        widget.one("[data-ts-submit-ticket]").click();
        browser.await(LOAD, "a choice of the two types", () -> widget.all("[data-ts-ticket-type]").size() == 2);
        assertThat(widget.all("[data-ts-ticket-type]").stream().map(WebElement::getText)).containsExactly("Bug report", "A question");
        widget.one("[data-ts-ticket-type=\"bug\"]").click();
        assertThat(widget.one("[data-ts-ticket-form]").getDomAttribute("data-ts-ticket-form")).isEqualTo("bug");
        assertThat(widget.focusedField()).isEqualTo("title");
    }

    @Test
    void aMissingRequiredFieldIsShownAndNothingSentThenTheTicketIsCreatedAndListedLive() {
        String customer = Api.id("c");
        demo.apply(ticketCreated("t-" + customer, customer, null, 1));
        Timer submits = app.getEnvironment().metrics().timer(SUBMIT_TIMER);
        long before = submits.getCount();
        open(demo, customer);
        browser.await(LOAD, "first render", () -> widget.total() == 1);
        widget.launcher().click();
        widget.one("[data-ts-space=\"tickets\"]").click();
        browser.await(LOAD, "the Tickets list", () -> widget.tickets().contains("t-" + customer));
        Object page = page();
        widget.one("[data-ts-submit-ticket]").click();
        assertThat(labelled()).as("every control has its label").isTrue();
        widget.field("title").sendKeys("It crashes");

        widget.one("[data-ts-ticket-form] [type=submit]").click();

        WebElement steps = widget.field("fields.steps");
        assertThat(steps.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement error = widget.one("#" + steps.getDomAttribute("aria-describedby"));
        assertThat(error.getText()).isEqualTo("This field is required.");
        assertThat(widget.focusedField()).isEqualTo("fields.steps");
        assertThat(widget.field("title").getDomAttribute("aria-invalid")).isEqualTo("false");
        assertThat(demo.tickets(customer).json().get("tickets")).hasSize(1);

        steps.sendKeys("open it");
        assertThat(steps.getDomAttribute("aria-invalid")).as("fixed as it is typed").isEqualTo("false");
        assertThat(error.isDisplayed()).isFalse();
        new Select(widget.field("fields.severity")).selectByVisibleText("high");
        widget.field("fields.build").sendKeys("42");
        widget.one("[data-ts-ticket-form] [type=submit]").click();

        browser.await(LOAD, "the ticket on the server", () -> demo.tickets(customer).json().get("tickets").size() == 2);
        JsonNode ticket = StreamSupport.stream(demo.tickets(customer).json().get("tickets").spliterator(), false)
                .filter(listed -> !listed.get("id").asText().equals("t-" + customer)).findFirst().orElseThrow();
        assertThat(ticket.get("title").asText()).isEqualTo("It crashes");
        assertThat(ticket.at("/state/label").asText()).isEqualTo("Submitted");
        String id = ticket.get("id").asText();
        browser.await(LIVE, "the ticket in the widget's list and badges, through the stream",
                () -> widget.tickets().contains(id) && widget.total() == 2);
        assertThat(page()).as("no reload").isEqualTo(page);
        browser.await(LIVE, "the new ticket takes the focus", () -> widget.focused().contains("data-ts-action="));
        assertThat(widget.one("[role=status].notice").getText()).contains("It crashes");
        assertThat(submits.getCount() - before).as("the incomplete form was never sent").isEqualTo(1);
        String fields = Db.of(app).withHandle(handle -> handle.createQuery(
                        "SELECT fields FROM ticket_submissions WHERE workspace_id = 'demo' AND ticket_id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(fields).isEqualTo("{\"steps\":\"open it\",\"severity\":\"high\",\"build\":42}");
    }

    @Test
    void aTicketIsSubmittedWithTheKeyboardAloneAndEscapeKeepsTheDraft() {
        String customer = Api.id("c");
        open(demo, customer);
        browser.await(LOAD, "first render", () -> widget.has("[data-ts-submit-ticket]"));
        Actions keys = new Actions(browser.driver());

        keys.sendKeys(Keys.TAB, Keys.ENTER).perform();
        assertThat(widget.focused()).isEqualTo("data-ts-space=home");
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(widget.focused()).isEqualTo("data-ts-submit-ticket=");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(widget.focusedField()).isEqualTo("title");
        keys.sendKeys("Sent by keys", Keys.ESCAPE).perform();
        assertThat(widget.has("[data-ts-ticket-form]")).isFalse();
        assertThat(widget.open()).as("Escape leaves the form, not the messenger").isTrue();
        assertThat(widget.focused()).isEqualTo("data-ts-submit-ticket=");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(widget.field("title").getDomProperty("value")).as("the draft").isEqualTo("Sent by keys");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(widget.focusedField()).isEqualTo("fields.steps");
        keys.sendKeys("Press the keys", Keys.TAB, Keys.TAB).perform();
        assertThat(widget.focusedField()).isEqualTo("fields.build");
        keys.sendKeys("7", Keys.ENTER).perform();

        browser.await(LOAD, "the ticket on Home's card, focused", () -> widget.cardTickets().size() == 1
                && widget.focused().equals("data-ts-action=send_message"));
        JsonNode ticket = demo.tickets(customer).json().at("/tickets/0");
        assertThat(ticket.get("title").asText()).isEqualTo("Sent by keys");
        assertThat(widget.cardTickets()).containsExactly(ticket.get("id").asText());
        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(widget.open()).isFalse();
        assertThat(widget.focused()).isEqualTo("data-ts-launcher=");
    }

    @Test
    void aRefusalShowsTheServersMessageAfterTheSubmittingState() {
        Api api = new Api(app, "w02");
        defineType(api, "bug", BUG);
        String customer = Api.id("c");
        Timer submits = app.getEnvironment().metrics().timer(SUBMIT_TIMER);
        open(api, customer);
        browser.await(LOAD, "first render", () -> widget.has("[data-ts-submit-ticket]"));
        widget.launcher().click();
        widget.one("[data-ts-submit-ticket]").click();
        widget.field("title").sendKeys("Too severe");
        widget.field("fields.steps").sendKeys("open it");
        new Select(widget.field("fields.severity")).selectByVisibleText("high");
        // The help desk drops "high" while the form is open: only the service can tell.
        defineType(api, "bug", BUG.replace("[\"low\", \"high\"]", "[\"low\", \"medium\"]"));
        long before = submits.getCount();
        WebElement submit = widget.one("[data-ts-ticket-form] [type=submit]");
        recordTheFormsStates();
        browser.driver().setNetworkConditions(slow());
        try {
            new Actions(browser.driver()).doubleClick(submit).perform();
            browser.await(LOAD, "the service's answer", () -> widget.one("[data-ts-ticket-form] [role=alert]").isDisplayed());
        } finally {
            browser.driver().deleteNetworkConditions();
        }

        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.formStates"))
                .as("aria-busy, the button's aria-disabled and text, at each change")
                .isEqualTo(List.of("true true Submitting…", "false false Submit ticket"));
        assertThat(widget.one("[data-ts-ticket-form] [role=alert]").getText()).isEqualTo("Severity: must be one of low, medium");
        WebElement severity = widget.field("fields.severity");
        assertThat(severity.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(severity.getDomAttribute("aria-describedby")).isEqualTo("ts-form-alert");
        assertThat(submit.getDomAttribute("aria-disabled")).isEqualTo("false");
        assertThat(submit.getText()).isEqualTo("Submit ticket");
        assertThat(submits.getCount() - before).as("one request for two clicks").isEqualTo(1);
        assertThat(api.tickets(customer).status()).as("no ticket").isEqualTo(404);
    }

    @Test
    void theFormFollowsTheColourSchemeAndNotThePagesStyles() {
        open(demo, Api.id("c"));
        browser.await(LOAD, "first render", () -> widget.has("[data-ts-submit-ticket]"));
        widget.launcher().click();
        widget.one("[data-ts-submit-ticket]").click();
        WebElement title = widget.field("title");
        WebElement submit = widget.one("[data-ts-ticket-form] [type=submit]");
        // The host page styles body text as serif and every button as red, unstyled text.
        assertThat(title.getCssValue("font-family")).startsWith("system-ui");
        assertThat(submit.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
        assertThat(submit.getCssValue("background-color")).isEqualTo("rgba(47, 91, 234, 1)");
        assertThat(title.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        try {
            scheme("dark");
            assertThat(title.getCssValue("background-color")).isEqualTo("rgba(27, 31, 39, 1)");
            assertThat(title.getCssValue("color")).isEqualTo("rgba(232, 235, 241, 1)");
            assertThat(submit.getCssValue("background-color")).isEqualTo("rgba(134, 162, 255, 1)");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private static void defineType(Api api, String typeId, String definition) {
        Api.Reply reply = api.withApiKey(api.workspace().apiKey(), "PUT",
                "/api/v1/workspaces/" + api.workspaceId() + "/ticket-types/" + typeId, definition);
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
    }

    private void open(Api api, String customer) {
        browser.driver().get(shop.boot("/" + customer, api.base(), api.workspaceId(), HostPage.literal(api.token(customer))));
    }

    /** Closes the messenger with Escape and opens it again, which reads the offered types anew. */
    private void reopen() {
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        widget.launcher().click();
    }

    /** Whether every control of the open form has exactly one label, bound to it. */
    private boolean labelled() {
        return (Boolean) ((JavascriptExecutor) browser.driver()).executeScript("""
                const controls = document.querySelector('[data-ts-messenger]').shadowRoot
                    .querySelectorAll('[data-ts-ticket-form] :is(input, select, textarea)');
                return controls.length > 0 && [...controls].every(c => c.labels.length === 1 && c.labels[0].textContent);""");
    }

    /** Records the open form's states in {@code window.formStates}, one entry for each batch of changes. */
    private void recordTheFormsStates() {
        ((JavascriptExecutor) browser.driver()).executeScript("""
                const form = document.querySelector('[data-ts-messenger]').shadowRoot.querySelector('[data-ts-ticket-form]');
                const button = form.querySelector('[type=submit]');
                window.formStates = [];
                new MutationObserver(() => window.formStates.push(form.getAttribute('aria-busy') + ' '
                    + button.getAttribute('aria-disabled') + ' ' + button.textContent))
                  .observe(form, {attributes: true, attributeFilter: ['aria-busy', 'aria-disabled'], subtree: true,
                    childList: true, characterData: true});""");
    }

    /** A network on which each request takes a second or more: a second click lands while the first is under way. */
    private static ChromiumNetworkConditions slow() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setLatency(Duration.ofMillis(1000));
        return conditions;
    }

    private void scheme(String scheme) {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** An object that lives as long as the page: a reload replaces it. */
    private Object page() {
        return ((JavascriptExecutor) browser.driver()).executeScript(
                "return window.pageId = window.pageId || Math.random().toString(36)");
    }
}
