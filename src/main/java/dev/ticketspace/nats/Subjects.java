package dev.ticketspace.nats;

import dev.ticketspace.store.StateChange;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The subjects changes travel on: {@code <prefix>.changes.<workspace>.<customer>} for one customer's,
 * {@code <prefix>.workspace.<workspace>} for a change to all customers of a workspace (settings, rules).
 * Ids become single subject tokens: every character but letters, digits, {@code _ : -} is written as
 * {@code %XX} (its UTF-8 bytes), so {@code a.b} is {@code a%2Eb} and no two ids share a subject.
 */
public final class Subjects {
    private final String prefix;

    public Subjects(String prefix) {
        this.prefix = prefix;
    }

    public String of(StateChange change) {
        return change.customerId().equals(StateChange.EVERY_CUSTOMER) ? workspace(change.workspaceId())
                : customer(change.workspaceId(), change.customerId());
    }

    public String customer(String workspaceId, String customerId) {
        return prefix + ".changes." + token(workspaceId) + "." + token(customerId);
    }

    public String workspace(String workspaceId) {
        return prefix + ".workspace." + token(workspaceId);
    }

    /** What the stream of changes captures. */
    List<String> all() {
        return List.of(prefix + ".changes.>", prefix + ".workspace.>");
    }

    static String token(String id) {
        StringBuilder token = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':'
                    || c == '-') {
                token.append(c);
            } else {
                token.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return token.toString();
    }
}
