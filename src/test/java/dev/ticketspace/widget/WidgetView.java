package dev.ticketspace.widget;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The widget on a page, read through its open shadow root by the hooks integrators use. */
final class WidgetView {
    private final WebDriver driver;

    WidgetView(WebDriver driver) {
        this.driver = driver;
    }

    SearchContext root() {
        return driver.findElement(By.cssSelector("[data-ts-messenger]")).getShadowRoot();
    }

    WebElement one(String selector) {
        return root().findElement(By.cssSelector(selector));
    }

    List<WebElement> all(String selector) {
        return root().findElements(By.cssSelector(selector));
    }

    boolean has(String selector) {
        return !all(selector).isEmpty();
    }

    WebElement launcher() {
        return one("[data-ts-launcher]");
    }

    /** The launcher's total badge. */
    int total() {
        return number(one("[data-ts-launcher] [data-ts-badge]"));
    }

    /** The badge of a space's tab, or -1 while the space has no tab. */
    int badge(String space) {
        List<WebElement> badges = all("[data-ts-space=\"" + space + "\"] [data-ts-badge]");
        return badges.isEmpty() ? -1 : number(badges.get(0));
    }

    List<String> spaces() {
        return all("[data-ts-space]").stream().map(tab -> tab.getDomAttribute("data-ts-space")).toList();
    }

    List<String> cardTickets() {
        return all("[data-ts-card=\"recent_tickets\"] [data-ts-ticket]").stream()
                .map(ticket -> ticket.getDomAttribute("data-ts-ticket")).toList();
    }

    /** The tickets the view lists (the Tickets space's list, or Home's card). */
    List<String> tickets() {
        return all("[data-ts-ticket]").stream().map(ticket -> ticket.getDomAttribute("data-ts-ticket")).toList();
    }

    /** A control of the open ticket form by its name: {@code title} or {@code fields.<field id>}. */
    WebElement field(String name) {
        return one("[data-ts-ticket-form] [name=\"" + name + "\"]");
    }

    boolean open() {
        return "true".equals(launcher().getDomAttribute("aria-expanded"));
    }

    /** The hook attributes of the focused element inside the shadow root, e.g. "data-ts-space=tickets". */
    String focused() {
        Object hooks = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const active = document.querySelector('[data-ts-messenger]').shadowRoot.activeElement;
                return active ? [...active.attributes].filter(a => a.name.startsWith('data-ts-'))
                    .map(a => a.name + '=' + a.value).join(' ') : '';""");
        return String.valueOf(hooks);
    }

    /** The name of the focused form control inside the shadow root, or "" when none is focused. */
    String focusedField() {
        Object name = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const active = document.querySelector('[data-ts-messenger]').shadowRoot.activeElement;
                return active && active.name || '';""");
        return String.valueOf(name);
    }

    private static int number(WebElement badge) {
        return Integer.parseInt(badge.getDomProperty("textContent").trim());
    }
}
