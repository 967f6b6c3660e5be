package dev.ticketspace.auth;

import java.security.Principal;

/** A rule editor of {@code rules.editors}, authenticated by name and password (HTTP Basic). */
public record EditorCaller(String name) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
