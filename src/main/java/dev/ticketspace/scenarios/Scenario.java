package dev.ticketspace.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketspace.events.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A scenario from {@code rules/scenarios/*.yml}: settings, then steps of settings changes, events or
 * customer read calls, each followed by what the messenger state must show.
 *
 * @param homeApps           Messenger Home apps for the scenario, or null for the defaults
 * @param recentTicketsLimit the Recent tickets card limit, or null for config's default
 */
public record Scenario(Path file, int line, String name, String customer, List<String> homeApps,
                       Integer recentTicketsLimit, List<Step> steps) {

    /**
     * A step: new Home apps ({@code homeApps}, null to leave them), events to post, or a read call
     * ({@code readConversation} / {@code readTicket}); then expectations. {@code at}, if given, is the
     * step's time: the rules decide by it, the read is made then.
     */
    public record Step(int line, Instant at, List<String> homeApps, List<Event> events, String readConversation,
                       String readTicket,
                       JsonNode expect) {
    }

    public String title() {
        return file.getFileName() + ": " + name;
    }
}
