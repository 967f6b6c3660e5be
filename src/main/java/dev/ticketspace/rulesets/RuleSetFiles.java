package dev.ticketspace.rulesets;

import dev.ticketspace.api.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a rule set, by path relative to a rules directory: DRL files ({@code badges.drl}) at the
 * top and scenario files under {@code scenarios/} ({@code scenarios/badges.yml}), exactly the layout of
 * {@code rules/}. Bounded in count and size; at least one DRL file.
 */
public record RuleSetFiles(SortedMap<String, String> files) {
    public static final int MAX_FILES = 64;
    public static final int MAX_FILE_BYTES = 256 * 1024;
    public static final int MAX_TOTAL_BYTES = 1024 * 1024;
    public static final String SCENARIOS = "scenarios/";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final Pattern DRL = Pattern.compile(NAME + "\\.drl");
    private static final Pattern SCENARIO = Pattern.compile(Pattern.quote(SCENARIOS) + NAME + "\\.ya?ml");

    public RuleSetFiles {
        files = new TreeMap<>(files);
    }

    /**
     * The files of a request or a directory, checked: 413 {@code rule_set_too_large} past the bounds,
     * 400 {@code invalid_rule_set} for a path that is neither a DRL nor a scenario file, or no DRL file.
     */
    public static RuleSetFiles of(Map<String, String> files) {
        if (files == null || files.isEmpty()) {
            throw invalid("a rule set needs files: {\"files\": {\"badges.drl\": \"...\", \"scenarios/badges.yml\": \"...\"}}");
        }
        if (files.size() > MAX_FILES) {
            throw tooLarge(files.size() + " files, at most " + MAX_FILES);
        }
        long total = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            if (path == null || !(DRL.matcher(path).matches() || SCENARIO.matcher(path).matches())) {
                throw invalid("'" + path + "' is neither a rule file (name.drl) nor a scenario file "
                        + "(scenarios/name.yml): names of letters, digits, '.', '_' and '-'");
            }
            if (file.getValue() == null) {
                throw invalid("'" + path + "' has no content");
            }
            int bytes = file.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_FILE_BYTES) {
                throw tooLarge("'" + path + "' has " + bytes + " bytes, at most " + MAX_FILE_BYTES);
            }
            total += bytes;
        }
        if (total > MAX_TOTAL_BYTES) {
            throw tooLarge("the files have " + total + " bytes together, at most " + MAX_TOTAL_BYTES);
        }
        RuleSetFiles set = new RuleSetFiles(new TreeMap<>(files));
        if (set.drl().isEmpty()) {
            throw invalid("a rule set needs at least one .drl file");
        }
        return set;
    }

    /** The rule files and scenario files of a rules directory (other files are left out), checked as {@link #of}. */
    public static RuleSetFiles read(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try {
            for (Path file : list(directory, ".drl")) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            Path scenarios = directory.resolve(SCENARIOS);
            if (Files.isDirectory(scenarios)) {
                List<Path> yaml = new ArrayList<>(list(scenarios, ".yml"));
                yaml.addAll(list(scenarios, ".yaml"));
                for (Path file : yaml) {
                    files.put(SCENARIOS + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule set in " + directory.toAbsolutePath(), e);
        }
        return of(files);
    }

    private static List<Path> list(Path directory, String suffix) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        }
    }

    /** Writes the files into the directory, creating it and its {@code scenarios/}; answers the files written. */
    public List<Path> write(Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rule set to " + directory.toAbsolutePath(), e);
        }
        return written;
    }

    /** The DRL files, by name. */
    public SortedMap<String, String> drl() {
        SortedMap<String, String> drl = new TreeMap<>();
        files.forEach((path, text) -> {
            if (!path.startsWith(SCENARIOS)) {
                drl.put(path, text);
            }
        });
        return drl;
    }

    /** The scenario files, by path ({@code scenarios/name.yml}). */
    public SortedMap<String, String> scenarios() {
        return files.tailMap(SCENARIOS).headMap(SCENARIOS.substring(0, SCENARIOS.length() - 1) + "0");
    }

    /**
     * Hex SHA-256 over every path and content, in path order, each followed by a NUL: the same files give
     * the same hash wherever they come from (a directory, a request, the database).
     */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_rule_set", message);
    }

    private static ApiException tooLarge(String message) {
        return new ApiException(413, "rule_set_too_large", message);
    }
}
