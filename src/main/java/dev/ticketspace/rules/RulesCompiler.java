package dev.ticketspace.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles every {@code *.drl} file of a directory with the executable model, into a {@link KieBase} for
 * happenings and one per read-time {@link Scope}.
 */
public final class RulesCompiler {
    private static final String RESOURCES = "src/main/resources/";
    /** The folder matching the rules' package, {@code ticketspace.rules}, so Drools has nothing to warn about. */
    private static final String PACKAGE_FOLDER = "ticketspace/rules/";
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");
    /** Where the parser says a syntax error is: "[ERR 102] Line 6:22 mismatched input ...". */
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    /** Follows every syntax error and says nothing more. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    /** Follows every error in the Java the executable model generates from a rule, and prints all of it. */
    private static final String GENERATED_SOURCE = "Java source of ";
    /** What Drools and javac say of a name a rule uses that does not exist (a misspelt constant, say). */
    private static final Pattern UNKNOWN_NAME = Pattern.compile("Unknown field (\\S+)|(\\S+) cannot be resolved");

    private final Path directory;

    public RulesCompiler(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The outcome of one build: when there were no errors, a rule base for the moment something happens
     * and one per read-time scope, each holding only the rules its evaluations can fire (a smaller network
     * to insert into and reset), and the number of rules in all; and every problem found.
     */
    public record Compilation(KieBase kieBase, Map<Scope, KieBase> scoped, ReleaseId releaseId, int ruleCount,
                              List<RuleProblem> problems, String fingerprint) {
        public boolean succeeded() {
            return kieBase != null;
        }

        public List<RuleProblem> errors() {
            return problems.stream().filter(p -> !p.warning()).toList();
        }
    }

    /** Compiles the directory; never throws: an unreadable directory is a failed compilation. */
    public Compilation compile() {
        try {
            return compileSources(readSources());
        } catch (RuntimeException e) {
            return failed(List.of(new RuleProblem(directory.toString(), 1, 1, String.valueOf(e.getMessage()), false)));
        }
    }

    /**
     * Compiles rules held elsewhere (a rule set of the database), by file name, as if they were the
     * directory's files: problems name them under the directory. Never throws.
     */
    public Compilation compile(Map<String, String> sources) {
        try {
            return compileSources(new LinkedHashMap<>(sources));
        } catch (RuntimeException e) {
            return failed(List.of(new RuleProblem(directory.toString(), 1, 1, String.valueOf(e.getMessage()), false)));
        }
    }

    private Compilation compileSources(Map<String, String> sources) {
        if (sources.isEmpty()) {
            return failed(List.of(new RuleProblem(directory.toString(), 0, 0, "no .drl files found", false)));
        }
        KieServices kieServices = KieServices.get();
        ReleaseId releaseId = kieServices.newReleaseId("dev.ticketspace", "rules",
                "1.0." + BUILDS.incrementAndGet() + "-" + System.nanoTime());
        Build build = build(kieServices, releaseId, sources);
        if (build.failed()) {
            kieServices.getRepository().removeKieModule(releaseId);
            return failed(withEachFileAlone(kieServices, sources, build.problems()));
        }
        ScopeCheck.Result scopes = ScopeCheck.of(directory, sources);
        if (!scopes.problems().isEmpty()) {
            kieServices.getRepository().removeKieModule(releaseId);
            List<RuleProblem> problems = new ArrayList<>(build.problems());
            problems.addAll(scopes.problems());
            return failed(problems);
        }
        KieContainer container = kieServices.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        int ruleCount = kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        Map<Scope, KieBase> scoped = new EnumMap<>(Scope.class);
        scopes.outside().forEach((scope, rules) -> scoped.put(scope,
                without(container.newKieBase(kieServices.newKieBaseConfiguration()), rules)));
        return new Compilation(without(kieBase, scopes.readTime()), Map.copyOf(scoped), releaseId, ruleCount,
                build.problems(), fingerprint(sources));
    }

    private static KieBase without(KieBase kieBase, List<ScopeCheck.RuleName> rules) {
        rules.forEach(rule -> kieBase.removeRule(rule.packageName(), rule.name()));
        return kieBase;
    }

    private record Build(List<RuleProblem> problems, boolean failed) {
    }

    private Build build(KieServices kieServices, ReleaseId releaseId, Map<String, String> sources) {
        KieFileSystem files = kieServices.newKieFileSystem().generateAndWritePomXML(releaseId);
        sources.forEach((name, text) -> files.write(RESOURCES + PACKAGE_FOLDER + name, text));
        KieBuilder builder = kieServices.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        List<RuleProblem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR, Message.Level.WARNING)) {
            if (!message.getText().contains(NULL_PACKAGE) && !message.getText().startsWith(GENERATED_SOURCE)) {
                problems.add(toProblem(message, sources));
            }
        }
        boolean failed = builder.getResults().hasMessages(Message.Level.ERROR);
        if (failed && problems.stream().allMatch(RuleProblem::warning)) {
            problems.add(new RuleProblem(directory.toString(), 1, 1, NULL_PACKAGE, false));
        }
        return new Build(List.copyOf(problems), failed);
    }

    /**
     * Drools stops at the first file it cannot parse, hiding what is wrong elsewhere. Rule files share
     * nothing but Java types, so after a failed build each file is compiled alone too, and every
     * problem found is reported once.
     */
    private List<RuleProblem> withEachFileAlone(KieServices kieServices, Map<String, String> sources,
                                                List<RuleProblem> found) {
        Set<RuleProblem> problems = new LinkedHashSet<>(found);
        if (sources.size() > 1) {
            sources.forEach((name, text) -> {
                ReleaseId alone = kieServices.newReleaseId("dev.ticketspace", "rules-check",
                        "1.0." + BUILDS.incrementAndGet() + "-" + System.nanoTime());
                problems.addAll(build(kieServices, alone, Map.of(name, text)).problems());
                kieServices.getRepository().removeKieModule(alone);
            });
        }
        return List.copyOf(problems);
    }

    /** Forgets a build's module, so that replaced rule bases can be collected. */
    public static void release(ReleaseId releaseId) {
        KieServices.get().getRepository().removeKieModule(releaseId);
    }

    private static Compilation failed(List<RuleProblem> problems) {
        return new Compilation(null, Map.of(), null, 0, List.copyOf(problems), null);
    }

    /** Names the rules by their text: the same files compiled again, on any replica, decide the same. */
    private static String fingerprint(Map<String, String> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(sources).forEach((name, text) -> {
                digest.update((name + '\0' + text + '\0').getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                sources.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + directory.toAbsolutePath(), e);
        }
        return sources;
    }

    private RuleProblem toProblem(Message message, Map<String, String> sources) {
        String name = message.getPath() == null ? "" : Path.of(message.getPath()).getFileName().toString();
        String file = directory.resolve(name).toString();
        String text = message.getText().replaceAll("\\s+", " ").trim();
        int line = message.getLine();
        int column = message.getColumn();
        Matcher parserPosition = PARSER_POSITION.matcher(text);
        if (parserPosition.find()) {
            line = Integer.parseInt(parserPosition.group(1));
            column = Integer.parseInt(parserPosition.group(2)) + 1;
        } else if (line <= 0 && sources.containsKey(name)) {
            String unknown = unknownName(text);
            int[] found = unknown == null ? null : locateWord(sources.get(name), unknown);
            if (found == null) {
                found = locate(sources.get(name), text);
            }
            line = found[0];
            column = found[1];
        } else if (!sources.containsKey(name)) {
            // In Java generated from a rule (an action's misspelt constant, say): find the name in the rules.
            String unknown = unknownName(text);
            for (Map.Entry<String, String> source : sources.entrySet()) {
                int[] found = unknown == null ? null : locateWord(source.getValue(), unknown);
                if (found != null) {
                    return new RuleProblem(directory.resolve(source.getKey()).toString(), found[0], found[1], text,
                            message.getLevel() == Message.Level.WARNING);
                }
            }
            file = directory.toString();
        }
        return new RuleProblem(file, Math.max(line, 1), Math.max(column, 1), text,
                message.getLevel() == Message.Level.WARNING);
    }

    private static String unknownName(String text) {
        Matcher unknown = UNKNOWN_NAME.matcher(text);
        return !unknown.find() ? null : unknown.group(1) != null ? unknown.group(1) : unknown.group(2);
    }

    /** Where the word first stands in the source, outside comments: {line, column}, or null. */
    private static int[] locateWord(String source, String word) {
        Pattern pattern = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])");
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher match = pattern.matcher(lines[i].replaceFirst("//.*$", ""));
            if (match.find()) {
                return new int[] {i + 1, match.start() + 1};
            }
        }
        return null;
    }

    /**
     * The executable model reports some errors (an unknown type or field) without a position, but names
     * what it could not understand after the last colon: find that text in the source, outside comments;
     * failing that, its first word.
     */
    static int[] locate(String source, String message) {
        String subject = message.substring(message.lastIndexOf(':') + 1).trim();
        Matcher firstWord = WORD.matcher(subject);
        List<Pattern> candidates = new ArrayList<>();
        if (!subject.isEmpty()) {
            candidates.add(Pattern.compile(Pattern.quote(subject)));
        }
        if (firstWord.find()) {
            candidates.add(Pattern.compile("(?<![\\w.$])" + Pattern.quote(firstWord.group()) + "(?![\\w$])"));
        }
        String[] lines = source.split("\n", -1);
        for (Pattern candidate : candidates) {
            for (int i = 0; i < lines.length; i++) {
                Matcher match = candidate.matcher(lines[i].replaceFirst("//.*$", ""));
                if (match.find()) {
                    return new int[] {i + 1, match.start() + 1};
                }
            }
        }
        return new int[] {1, 1};
    }
}
