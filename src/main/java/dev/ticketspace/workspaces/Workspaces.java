package dev.ticketspace.workspaces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured workspaces, looked up by id or by API key. */
public final class Workspaces {
    private final Map<String, Workspace> byId = new LinkedHashMap<>();

    public Workspaces(List<Workspace> workspaces) {
        for (Workspace workspace : workspaces) {
            if (byId.putIfAbsent(workspace.id(), workspace) != null) {
                throw new IllegalArgumentException("workspace " + workspace.id() + " is configured twice");
            }
        }
    }

    public Optional<Workspace> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Finds the workspace whose API key this is. Every key is compared, each in constant time over
     * its SHA-256 digest, so neither the position of a mismatch nor the key lengths leak through timing.
     */
    public Optional<Workspace> byApiKey(String apiKey) {
        byte[] offered = sha256(apiKey);
        Workspace match = null;
        for (Workspace workspace : byId.values()) {
            if (MessageDigest.isEqual(offered, sha256(workspace.apiKey()))) {
                match = workspace;
            }
        }
        return Optional.ofNullable(match);
    }

    public List<Workspace> all() {
        return List.copyOf(byId.values());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
