package dev.ticketspace.rulesets;

import static dev.ticketspace.support.Events.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Browser;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The rules console in a real Chromium, as an editor uses it, against two replicas on one MySQL database
 * (publication is about replicas): log in, break a rule and see the error at its line, fix it, preview
 * its impact, publish it and see both replicas serve it, compare it with the version before and roll back.
 * Screenshots for docs/rules.md are written to {@code target/console-*.png} (docs/ holds copies).
 */
@Timeout(600)
class ConsoleBrowserTest {
    /** A check compiles and runs the scenarios in a JVM of its own: slow on a busy machine. */
    private static final Duration CHECK = Duration.ofSeconds(180);
    private static final Duration SHOWN = Duration.ofSeconds(10);
    /** A publication reaches every replica within seconds (RuleSetPublishingTest holds the 5 s). */
    private static final Duration SWITCH = Duration.ofSeconds(15);

    private static DropwizardAppExtension<TicketspaceConfiguration> replicaA;
    private static DropwizardAppExtension<TicketspaceConfiguration> replicaB;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String url = Db.privateDatabase(Backend.MYSQL, "console");
        Map<String, String> settings = Map.of("rules.directory", FixtureRules.directory("publish"));
        replicaA = Backend.MYSQL.newApp(url, settings);
        replicaA.before();
        replicaB = Backend.MYSQL.newApp(url, settings);
        replicaB.before();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        for (DropwizardAppExtension<TicketspaceConfiguration> replica : Arrays.asList(replicaB, replicaA)) {
            if (replica != null) {
                replica.after();
            }
        }
    }

    @Test
    void anEditorBreaksARuleFixesItPreviewsPublishesToBothReplicasComparesAndRollsBack() throws Exception {
        Api a = new Api(replicaA, "demo");
        Api b = new Api(replicaB, "demo");
        String customer = Api.id("c-console");
        a.apply(ticketCreated(Api.id("t"), customer, null, 0), ticketCreated(Api.id("t"), customer, null, 1),
                ticketCreated(Api.id("t"), customer, null, 2));
        assertThat(card(b, customer)).as("the fixture's card of two").isEqualTo(2);

        ChromeDriver page = browser.driver();
        page.manage().window().setSize(new Dimension(1400, 1000));
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
        assertThat(page.findElement(By.id("impact")).getText()).as("the impact, nothing missing").doesNotContain("null")
                .contains(customer + ": card:");
        screenshot(page, "console-preview");

        // publish the fixed draft (version 2 is the broken one): both replicas serve version 3
        page.findElement(By.id("reason")).sendKeys("customers asked for a shorter card");
        page.findElement(By.id("publish")).click();
        awaitStatus(page, SHOWN, "the publication said", "Published version 3");
        awaitServed(b, "3", customer, 1);
        awaitServed(a, "3", customer, 1);
        browser.await(SWITCH, "the replica the console is on serves version 3",
                () -> page.findElement(By.id("served")).getText().contains("this replica serves version 3"));
        page.executeScript("window.scrollTo(0, 0)");
        screenshot(page, "console-published");

        // compare versions 1 and 3, then roll back to 1
        new Select(page.findElement(By.id("diff-from"))).selectByValue("1");
        page.findElement(By.cssSelector("#diff-form button")).click();
        browser.await(SHOWN, "the difference between versions 1 and 3",
                () -> page.findElement(By.id("diff")).getText().contains("view.drl (changed)"));
        assertThat(page.findElements(By.cssSelector("#diff .diff-add")).stream().map(WebElement::getText))
                .as("the added line").anyMatch(line -> line.contains("RECENT_TICKETS, 1"));
        assertThat(page.findElements(By.cssSelector("#diff .diff-del")).stream().map(WebElement::getText))
                .as("the removed line").anyMatch(line -> line.contains("RECENT_TICKETS, 2"));
        page.executeScript("document.getElementById('diff').scrollIntoView()");
        screenshot(page, "console-diff");
        // version 1, stored unchecked at the first start, was checked when version 3 replaced it
        page.findElement(By.cssSelector("#versions li[data-version='1'] button.publish-version")).click();
        awaitStatus(page, CHECK, "the rollback said", "Published version 1");
        awaitServed(b, "1", customer, 2);
        awaitServed(a, "1", customer, 2);
        browser.await(SHOWN, "version 1 marked published in the history", () -> page.findElement(
                By.cssSelector("#versions li[data-version='1']")).getText().contains("published"));
    }

    /** Waits for the status line to say so; a failure names what it said instead. */
    private static void awaitStatus(ChromeDriver page, Duration timeout, String what, String expected) {
        try {
            browser.await(timeout, what, () -> page.findElement(By.id("status")).getText().contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + ": the status line says \"" + page.findElement(By.id("status")).getText()
                    + "\", not \"" + expected + "\"", e);
        }
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

    private static void awaitServed(Api replica, String version, String customer, int card) throws InterruptedException {
        long deadline = System.nanoTime() + SWITCH.toNanos();
        while (!(version.equals(servedVersion(replica)) && card(replica, customer) == card)) {
            assertThat(System.nanoTime()).as("replica on port %d serving version %s, the card of %d",
                    replica.app().getLocalPort(), version, card).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String servedVersion(Api replica) {
        return Editors.withAuthorization(replica.app(), "Bearer " + replica.workspace().apiKey()).servedVersion();
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
