package dev.ticketspace.store;

import java.util.Arrays;
import java.util.List;

/** A workspace's stored Messenger settings: its Home apps in order, and a version that grows on each change. */
public record SettingsRow(String homeApps, long version) {
    public List<String> homeAppList() {
        return homeApps.isEmpty() ? List.of() : Arrays.asList(homeApps.split(","));
    }

    public static String join(List<String> apps) {
        return String.join(",", apps);
    }
}
