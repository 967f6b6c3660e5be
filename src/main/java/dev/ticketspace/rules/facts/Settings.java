package dev.ticketspace.rules.facts;

import java.util.List;

/**
 * The workspace's Messenger settings.
 *
 * @param homeApps           the apps on Messenger Home, in order (e.g. {@code tickets})
 * @param recentTicketsLimit {@code rules.recentTickets.limit} from config.yml
 */
public record Settings(String workspaceId, List<String> homeApps, int recentTicketsLimit) {
    public Settings {
        homeApps = List.copyOf(homeApps);
    }
}
