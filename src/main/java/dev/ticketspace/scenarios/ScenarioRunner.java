package dev.ticketspace.scenarios;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.events.Event;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.events.EventResult;
import dev.ticketspace.messenger.ConversationSummary;
import dev.ticketspace.messenger.MessengerService;
import dev.ticketspace.messenger.MessengerState;
import dev.ticketspace.messenger.TicketPage;
import dev.ticketspace.messenger.TicketSummary;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.settings.MessengerSettings;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.DatabaseConfig;
import dev.ticketspace.store.StateVersions;
import dev.ticketspace.store.Times;
import dev.ticketspace.store.Store;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs scenarios through the real pipeline — events applied as the API applies them, state read as
 * messenger clients read it, the real rules — on an in-memory H2 database. Each scenario has a
 * workspace of its own, so scenarios never see each other's data or settings.
 */
public final class ScenarioRunner implements AutoCloseable {
    private final ObjectMapper json;
    private final RuleBase rules;
    private final ManagedDataSource dataSource;
    private final Jdbi jdbi;
    private final StateVersions versions;
    private final int defaultCardLimit;
    private int workspaces;

    public ScenarioRunner(ObjectMapper json, RuleBase rules, int defaultCardLimit) throws Exception {
        this.json = json;
        this.rules = rules;
        this.defaultCardLimit = defaultCardLimit;
        DatabaseConfig database = new DatabaseConfig();
        database.setDriverClass("org.h2.Driver");
        database.setUrl("jdbc:h2:mem:scenarios-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        database.setPassword("");
        this.dataSource = database.build(new MetricRegistry(), "scenarios");
        Store.migrate(dataSource);
        this.jdbi = Store.jdbi(dataSource);
        this.versions = new StateVersions(dataSource);
        versions.start();
    }

    public ScenarioResult run(Scenario scenario) {
        String workspace = "scenario-" + (++workspaces);
        int limit = scenario.recentTicketsLimit() == null ? defaultCardLimit : scenario.recentTicketsLimit();
        StepClock clock = new StepClock();
        SettingsService settings = new SettingsService(jdbi, rules, limit, clock, change -> { });
        EventApplier applier = new EventApplier(jdbi, rules, settings, clock, json, new MetricRegistry(),
                change -> { });
        MessengerService messenger = new MessengerService(jdbi, versions, rules, settings, applier,
                Duration.ZERO, clock);
        if (scenario.homeApps() != null) {
            replaceHomeApps(settings, workspace, scenario.homeApps());
        }
        List<String> differences = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        Instant now = ScenarioParser.START;
        int number = 0;
        for (Scenario.Step step : scenario.steps()) {
            number++;
            if (step.homeApps() != null) {
                replaceHomeApps(settings, workspace, step.homeApps());
            }
            List<EventResult> results = new ArrayList<>();
            for (Event event : step.events()) {
                clock.set(step.at() != null ? step.at() : Times.later(now, event.occurredAt()));
                results.add(applier.applyAll(workspace, List.of(event)).get(0));
                now = Times.later(now, event.occurredAt());
            }
            now = step.at() != null ? step.at() : now.plusSeconds(1);
            clock.set(now);
            String readFailure = read(messenger, workspace, scenario.customer(), step, now);
            JsonNode expected = step.expect() == null ? json.createObjectNode() : step.expect();
            ObjectNode actual = actual(messenger, settings, workspace, scenario.customer(), results, readFailure,
                    expected.path("pages").path("limit").asInt(MessengerService.MAX_PAGE_SIZE));
            String where = where(scenario, step, number);
            if (!expected.has("results") && results.stream().anyMatch(r -> !r.status().equals("applied"))) {
                differences.add(where + "events not applied: " + results.stream()
                        .map(r -> r.code() == null ? r.status() : r.status() + ": " + r.code()).toList());
            }
            if (!expected.has("read") && readFailure != null) {
                differences.add(where + "read call failed: " + readFailure);
            }
            ObjectNode compared = ((ObjectNode) expected.deepCopy());
            compared.remove(List.of("explain", "notExplained"));
            for (String difference : PartialMatch.differences(compared, actual)) {
                differences.add(where + difference);
            }
            if (expected.has("explain") || expected.has("notExplained")) {
                List<JsonNode> lines = explain(messenger, workspace, scenario.customer());
                expected.path("explain").forEach(line -> {
                    if (lines.stream().noneMatch(actualLine -> PartialMatch.matches(line, actualLine))) {
                        differences.add(where + "explain: no line matches " + line + explainedAlike(line, lines));
                    }
                });
                expected.path("notExplained").forEach(line -> lines.stream()
                        .filter(actualLine -> PartialMatch.matches(line, actualLine))
                        .forEach(actualLine -> differences.add(where + "notExplained: " + line + " is explained: "
                                + actualLine)));
            }
            messenger.conflicts(workspace, scenario.customer()).forEach(conflict ->
                    warnings.add("conflicting decisions, settled by the tie-break: " + conflict));
        }
        return new ScenarioResult(scenario, differences, List.copyOf(warnings));
    }

    /** Sets the workspace's Home apps to exactly these, in this order. */
    private static void replaceHomeApps(SettingsService settings, String workspace, List<String> apps) {
        settings.get(workspace).homeApps().forEach(app -> settings.removeApp(workspace, app));
        apps.forEach(app -> settings.addApp(workspace, app));
    }

    private static String where(Scenario scenario, Scenario.Step step, int number) {
        return "step " + number + " (" + scenario.file() + ":" + step.line() + "): ";
    }

    /** Makes the step's read call, at the step's time; answers the error code if it failed. */
    private static String read(MessengerService messenger, String workspace, String customer, Scenario.Step step,
                               Instant at) {
        try {
            if (step.readConversation() != null) {
                messenger.readConversation(workspace, customer, step.readConversation(), at);
            } else if (step.readTicket() != null) {
                messenger.readTicket(workspace, customer, step.readTicket(), at);
            }
            return null;
        } catch (ApiException e) {
            return e.code();
        }
    }

    /**
     * The customer's state in the shape scenarios expect: {@code spaces} by id, the {@code card}'s tickets,
     * {@code tickets} (or {@code hidden}), the ticket list walked in {@code pages} of {@code pageLimit},
     * {@code conversations} each with its {@code ticket}, {@code settings}, {@code version}, this step's
     * {@code results} and {@code read}.
     */
    private ObjectNode actual(MessengerService messenger, SettingsService settings, String workspace, String customer,
                              List<EventResult> results, String readFailure, int pageLimit) {
        MessengerState state = messenger.state(workspace, customer, false);
        ObjectNode actual = json.createObjectNode();
        ObjectNode spaces = actual.putObject("spaces");
        state.spaces().forEach(space -> spaces.putObject(space.id()).put("visible", space.visible()).put("badge", space.badge()));
        ArrayNode card = actual.putArray("card");
        state.home().cards().stream().filter(c -> c.type().equals("recent_tickets"))
                .forEach(c -> c.tickets().forEach(t -> card.add(ticket(t))));
        try {
            ArrayNode tickets = actual.putArray("tickets");
            messenger.tickets(workspace, customer, MessengerService.MAX_PAGE_SIZE, null).tickets()
                    .forEach(t -> tickets.add(ticket(t)));
            actual.set("pages", pages(messenger, workspace, customer, pageLimit));
        } catch (ApiException hidden) {
            actual.put("tickets", "hidden");
            actual.put("pages", "hidden");
        }
        ArrayNode conversations = actual.putArray("conversations");
        for (ConversationSummary c : messenger.conversations(workspace, customer, MessengerService.MAX_PAGE_SIZE, null)
                .conversations()) {
            conversations.addObject().put("id", c.id()).put("state", c.state()).put("unread", c.unread())
                    .set("ticket", c.ticket() == null ? json.nullNode() : ticket(c.ticket()));
        }
        MessengerSettings current = settings.get(workspace);
        ObjectNode settingsNode = actual.putObject("settings").put("ticketsSpaceEnabled", current.ticketsSpaceEnabled());
        current.homeApps().forEach(settingsNode.putArray("homeApps")::add);
        actual.put("version", state.version());
        ArrayNode resultsNode = actual.putArray("results");
        results.forEach(r -> resultsNode.addObject().put("status", r.status()).put("code", r.code())
                .put("message", r.message()));
        actual.put("read", readFailure == null ? "ok" : readFailure);
        return actual;
    }

    /** The ticket list walked page by page, {@code limit} tickets a page: {@code {limit, tickets: [[...], ...]}}. */
    private ObjectNode pages(MessengerService messenger, String workspace, String customer, int limit) {
        ObjectNode pages = json.createObjectNode().put("limit", limit);
        ArrayNode tickets = pages.putArray("tickets");
        String cursor = null;
        do {
            TicketPage page = messenger.tickets(workspace, customer, limit, cursor);
            ArrayNode onPage = tickets.addArray();
            page.tickets().forEach(t -> onPage.add(ticket(t)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return pages;
    }

    /** The back office's explain lines: {@code {decision, subject, rule}} each. */
    private List<JsonNode> explain(MessengerService messenger, String workspace, String customer) {
        List<JsonNode> lines = new ArrayList<>();
        messenger.state(workspace, customer, true).explain().forEach(line -> lines.add(json.valueToTree(line)));
        return lines;
    }

    /** The lines of the same decision, to show next to an expected line that none matched. */
    private static String explainedAlike(JsonNode expected, List<JsonNode> lines) {
        String decision = expected.path("decision").asText(null);
        List<String> alike = lines.stream()
                .filter(line -> decision == null || line.path("decision").asText().equals(decision))
                .map(JsonNode::toString).toList();
        return alike.isEmpty() ? "; no " + (decision == null ? "" : decision + " ") + "line at all"
                : "; explained: " + String.join(", ", alike);
    }

    private ObjectNode ticket(TicketSummary ticket) {
        return json.createObjectNode().put("id", ticket.id()).put("title", ticket.title())
                .put("category", ticket.state().category()).put("label", ticket.state().label())
                .put("action", ticket.action()).put("unread", ticket.unread())
                .put("conversationId", ticket.conversationId())
                .put("lastActivityAt", ticket.lastActivityAt() == null ? null : ticket.lastActivityAt().toString());
    }

    @Override
    public void close() throws Exception {
        versions.stop();
        dataSource.stop();
    }

    /** The scenario files to run: the file itself, or a directory's {@code *.yml} files. */
    public static List<Path> scenarioFiles(Path fileOrDirectory) throws IOException {
        if (Files.notExists(fileOrDirectory)) {
            throw new NoSuchFileException(fileOrDirectory.toString());
        }
        if (!Files.isDirectory(fileOrDirectory)) {
            return List.of(fileOrDirectory);
        }
        try (Stream<Path> files = Files.list(fileOrDirectory)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
