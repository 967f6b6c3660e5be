package dev.ticketspace.rulesets;

import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Browser;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The rules console in a real Chromium, as an editor uses it, against two replicas on one MySQL database
 * (publication is about replicas): log in, break a rule and see the error at its line, fix it, preview
 * its impact. Publication across replicas and rollback are tested through the API in
 * {@link RuleSetPublishingTest}. Screenshots for docs/rules.md are written
 * to {@code target/console-*.png} (docs/ holds copies).
 */
@Timeout(600)
class ConsoleBrowserTest {
    /** A check compiles and runs the scenarios in a JVM of its own: slow on a busy machine. */
    private static final Duration CHECK = Duration.ofSeconds(180);
    private static final Duration SHOWN = Duration.ofSeconds(10);

    private static DropwizardAppExtension<TicketspaceConfiguration> replicaA;
    private static DropwizardAppExtension<TicketspaceConfiguration> replicaB;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String url = Db.privateDatabase(Backend.MYSQL, "console");
        Map<String, String> settings = Map.of("rules.directory", FixtureRules.directory("publish"));
        replicaA = Backend.MYSQL.newApp(url, settings);
        Apps.start(replicaA);
        replicaB = Backend.MYSQL.newApp(url, settings);
        Apps.start(replicaB);
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (replicaB != null) {
            replicaB.after();
        }
    }

    @Test
    void anEditorBreaksARuleSeesTheErrorAtItsLineFixesItAndPreviewsItsImpact() throws Exception {
        Api a = new Api(replicaA, "demo");
        Api b = new Api(replicaB, "demo");
        String customer = Api.id("c-console");
        a.apply(ticketCreated(Api.id("t"), customer, null, 0), ticketCreated(Api.id("t"), customer, null, 1),
                ticketCreated(Api.id("t"), customer, null, 2));
        assertThat(card(b, customer)).as("the fixture's card of two").isEqualTo(2);

        ChromeDriver page = browser.driver();
        page.get(a.base() + "/console/");
        logInWithTheKeyboard(page, Editors.ALICE, "not-her-password");
        browser.await(SHOWN, "a wrong password is said so on the page",
                () -> page.findElement(By.id("login-error")).getText().contains("Wrong name or password"));
        logInWithTheKeyboard(page, Editors.ALICE, Editors.PASSWORDS.get(Editors.ALICE));
        browser.await(SHOWN, "the console after logging in", () -> page.findElement(By.id("work-view")).isDisplayed());
        browser.await(SHOWN, "the published version in the header",
                () -> page.findElement(By.id("served")).getText().contains("Published: version 1"));

        // break a rule: a misspelt card type
        openFile(page, "view.drl");
        replaceAll(page, "RECENT_TICKETS, 2", "RECENT_TICKET, 1");
        check(page, "the card holds one ticket");
        browser.await(CHECK, "the check's verdict", () -> page.findElement(By.id("status")).getText()
                .contains("cannot be published"));
        List<String> problems = page.findElements(By.cssSelector("#problems li")).stream().map(WebElement::getText).toList();
        assertThat(problems).as("the error, at its file and line").anyMatch(p -> p.startsWith("view.drl:88:"));
        browser.await(SHOWN, "the error marked in the editor at its line",
                () -> !page.findElements(By.cssSelector(".cm-lintRange-error")).isEmpty());
        assertThat(page.findElement(By.cssSelector(".cm-lintRange-error")).findElement(By.xpath("./ancestor::div[contains(@class,'cm-line')]"))
                .getText()).contains("RECENT_TICKET, 1");
        screenshot(page, "console-error");

        // fix it, and say what the scenario now expects
        replaceAll(page, "RECENT_TICKET, 1", "RECENT_TICKETS, 1");
        openFile(page, "scenarios/card.yml");
        replaceAll(page, "card: [t3, t2]", "card: [t3]");
        check(page, "the card holds one ticket");
        browser.await(CHECK, "the check passes", () -> page.findElement(By.id("status")).getText()
                .contains("passes its check"));

        // preview on the customers there are
        page.findElement(By.id("preview")).click();
        browser.await(CHECK, "the preview's table", () -> !page.findElements(By.cssSelector("#impact tbody tr")).isEmpty());
        assertThat(page.findElements(By.cssSelector("#impact tbody tr")).stream().map(WebElement::getText))
                .as("the customer whose card loses a ticket").contains("card out 1");
        screenshot(page, "console-preview");
    }

    private static void logInWithTheKeyboard(ChromeDriver page, String name, String password) {
        WebElement field = page.findElement(By.id("login-name"));
        field.clear();
        field.sendKeys(name, Keys.TAB);
        page.switchTo().activeElement().sendKeys(password, Keys.ENTER);
    }

    private static void openFile(ChromeDriver page, String path) {
        browser.await(SHOWN, "a tab for " + path, () -> page.findElements(By.cssSelector("#files button")).stream()
                .anyMatch(tab -> tab.getText().equals(path)));
        page.findElements(By.cssSelector("#files button")).stream().filter(tab -> tab.getText().equals(path))
                .findFirst().orElseThrow().click();
        browser.await(SHOWN, path + " open", () -> page.findElement(By.cssSelector("#files button[aria-selected='true']"))
                .getText().equals(path));
    }

    /** Through the editor's own search and replace panel (Ctrl+F), as a person does it. */
    private static void replaceAll(ChromeDriver page, String search, String replacement) {
        page.findElement(By.cssSelector("#code .cm-content")).click();
        page.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "f"));
        browser.await(SHOWN, "the search panel", () -> !page.findElements(By.cssSelector(".cm-search input[name='search']")).isEmpty());
        WebElement find = page.findElement(By.cssSelector(".cm-search input[name='search']"));
        find.sendKeys(Keys.chord(Keys.CONTROL, "a"), search);
        WebElement replace = page.findElement(By.cssSelector(".cm-search input[name='replace']"));
        replace.sendKeys(Keys.chord(Keys.CONTROL, "a"), replacement);
        page.findElement(By.cssSelector(".cm-search button[name='replaceAll']")).click();
        // the editor draws only the lines in view: find the replacement, which scrolls it into view
        find.sendKeys(Keys.chord(Keys.CONTROL, "a"), replacement, Keys.ENTER);
        browser.await(SHOWN, "the text replaced", () -> page.findElement(By.cssSelector("#code .cm-content")).getText()
                .contains(replacement));
        page.findElement(By.cssSelector(".cm-search button[name='close']")).click();
    }

    private static void check(ChromeDriver page, String message) {
        WebElement field = page.findElement(By.id("message"));
        field.clear();
        field.sendKeys(message, Keys.ENTER);
    }

    private static int card(Api replica, String customer) {
        Api.Reply state = replica.state(customer);
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        return state.json().at("/home/cards/0/tickets").size();
    }

    private static void screenshot(ChromeDriver page, String name) throws Exception {
        Files.write(Path.of("target", name + ".png"), page.getScreenshotAs(OutputType.BYTES));
    }
}
