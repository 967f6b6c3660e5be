package dev.ticketspace.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One of {@code rules.editors}: who may change the rules through {@code /api/v1/rules}. The password is
 * kept as a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), e.g. from {@code htpasswd -nBC 12 NAME}.
 */
public record Editor(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}") String name,
        @NotNull @Pattern(regexp = "\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}",
                message = "must be a bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters of salt and hash)")
        String passwordHash) {
    @Override
    public String toString() {
        return "Editor[" + name + "]";
    }
}
