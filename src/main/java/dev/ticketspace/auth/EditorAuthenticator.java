package dev.ticketspace.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rule editors' HTTP Basic credentials against their bcrypt hashes. An unknown name costs a bcrypt
 * comparison too, so that the time taken does not tell which names exist. Slow on purpose: wrap it in
 * Dropwizard's {@code CachingAuthenticator}.
 */
public final class EditorAuthenticator implements Authenticator<BasicCredentials, EditorCaller> {
    /** The password of the demo editor that config.yml ships. */
    public static final String DEMO_PASSWORD = "demo-editor-change-me";
    /** bcrypt reads at most 71 bytes of a password; a longer one is refused rather than cut. */
    private static final int MAX_PASSWORD_BYTES = 71;
    private static final byte[] UNKNOWN = "$2a$10$A77DkIoGiIUPITskFWfVWu9PPUbGIbZ7s4lEiQ8tlBNP8.wtZqy8."
            .getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> hashes;

    public EditorAuthenticator(List<Editor> editors) {
        this.hashes = editors.stream().collect(Collectors.toUnmodifiableMap(Editor::name,
                editor -> editor.passwordHash().getBytes(StandardCharsets.US_ASCII), (a, b) -> {
                    throw new IllegalArgumentException("rules.editors names an editor twice");
                }));
    }

    @Override
    public Optional<EditorCaller> authenticate(BasicCredentials credentials) {
        byte[] password = credentials.getPassword().getBytes(StandardCharsets.UTF_8);
        byte[] hash = hashes.getOrDefault(credentials.getUsername(), UNKNOWN);
        boolean verified = password.length <= MAX_PASSWORD_BYTES && BCrypt.verifyer().verify(password, hash).verified;
        return verified && hashes.containsKey(credentials.getUsername())
                ? Optional.of(new EditorCaller(credentials.getUsername())) : Optional.empty();
    }

    /** The editors whose password is still the demo one. */
    public List<String> withDemoPassword() {
        Function<byte[], Boolean> demo = hash -> BCrypt.verifyer()
                .verify(DEMO_PASSWORD.getBytes(StandardCharsets.UTF_8), hash).verified;
        return hashes.entrySet().stream().filter(e -> demo.apply(e.getValue())).map(Map.Entry::getKey).sorted().toList();
    }
}
