package dev.ticketspace.settings;

import java.util.List;

/** The wire form of a workspace's Messenger settings. */
public record MessengerSettings(List<String> homeApps, boolean ticketsSpaceEnabled) {
}
