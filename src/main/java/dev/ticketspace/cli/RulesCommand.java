package dev.ticketspace.cli;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.api.JsonSettings;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RuleProblem;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.rulesets.RuleSetChecker;
import dev.ticketspace.rulesets.RuleSetDao;
import dev.ticketspace.rulesets.RuleSetFiles;
import dev.ticketspace.rulesets.RuleSets;
import dev.ticketspace.rulesets.RulesApi;
import dev.ticketspace.rulesets.RulesClient;
import dev.ticketspace.scenarios.Scenario;
import dev.ticketspace.scenarios.ScenarioFormatException;
import dev.ticketspace.scenarios.ScenarioParser;
import dev.ticketspace.scenarios.ScenarioResult;
import dev.ticketspace.scenarios.ScenarioRunner;
import dev.ticketspace.store.Store;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules from the command line; each action exits 1 when something is wrong.
 * <ul>
 * <li>{@code rules check [config.yml]} compiles the rules directory as the server does and prints every
 * problem as {@code file:line:col: message}; {@code rules test [config.yml] [--scenarios PATH]} runs the
 * scenarios.</li>
 * <li>{@code rules import DIR [config.yml] --message M} checks a directory's rule set and stores it in the
 * database as the next version; {@code rules export VERSION|published DIR [config.yml]} writes a version's
 * files into a directory, which then holds that version's rule and scenario files and no others.</li>
 * <li>{@code rules publish DIR --message M} and {@code rules preview DIR} talk to a running service
 * ({@code --url} or {@code TICKETSPACE_URL}, {@code --editor} or {@code TICKETSPACE_EDITOR}, the password
 * in {@code TICKETSPACE_EDITOR_PASSWORD}): the directory becomes a version, which is published, or
 * whose impact on the customers is previewed.</li>
 * </ul>
 */
public final class RulesCommand extends TicketspaceCommand {
    private static final String URL = "TICKETSPACE_URL";
    private static final String EDITOR = "TICKETSPACE_EDITOR";
    private static final String PASSWORD = "TICKETSPACE_EDITOR_PASSWORD";

    private final UnaryOperator<String> environment;

    public RulesCommand() {
        this(System::getenv);
    }

    /** @param environment the environment variables, by name */
    public RulesCommand(UnaryOperator<String> environment) {
        super("rules", "Checks, tests, imports, exports, publishes or previews the rules");
        this.environment = environment;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("check", "test", "import", "export", "publish", "preview")
                .help("check: compile; test: run scenarios; import DIR; export VERSION DIR; publish DIR; preview DIR");
        subparser.addArgument("arguments").nargs("*").metavar("ARG")
                .help("import: DIR [config.yml]; export: VERSION|published DIR [config.yml]; publish, preview: DIR; "
                        + "check, test: [config.yml]");
        super.configure(subparser);
        subparser.addArgument("--scenarios").help("test: a scenario file or directory (default: <rules.directory>/scenarios)");
        subparser.addArgument("--message").help("import, publish, preview: what the version changes, and why");
        subparser.addArgument("--author").setDefault(System.getProperty("user.name", "cli"))
                .help("import: the version's author (default: the user's name)");
        subparser.addArgument("--url").help("publish, preview: the service's base URL (default: $" + URL + ")");
        subparser.addArgument("--editor").help("publish, preview: the rule editor's name (default: $" + EDITOR
                + "); the password is read from $" + PASSWORD);
        subparser.addArgument("--customers").type(Integer.class).setDefault(200)
                .help("preview: how many customers to compare (default 200)");
    }

    /** The configuration file is an argument of its own for each action (see {@link #run(Bootstrap, Namespace)}). */
    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return subparser.addArgument("--config").dest("file").setDefault("config.yml")
                .help("application configuration file (default config.yml)");
    }

    /** Sorts the positional arguments out per action; publish and preview read no configuration. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Namespace sorted = sorted(namespace);
        String action = sorted.getString("action");
        if (action.equals("publish") || action.equals("preview")) {
            remote(sorted);
        } else {
            super.run(bootstrap, sorted);
        }
    }

    @Override
    String configurationFile(Namespace namespace) {
        try {
            return sorted(namespace).getString("file");
        } catch (CommandFailed usage) {
            return namespace.getString("file");
        }
    }

    /** The command line with {@code paths} (the action's own arguments) and {@code file} (the configuration) apart. */
    private static Namespace sorted(Namespace namespace) {
        String action = namespace.getString("action");
        List<String> arguments = namespace.getList("arguments");
        int needed = switch (action) {
            case "import", "publish", "preview" -> 1;
            case "export" -> 2;
            default -> 0;
        };
        int allowed = action.equals("publish") || action.equals("preview") ? 1 : needed + 1;
        if (arguments.size() < needed || arguments.size() > allowed) {
            throw new CommandFailed("usage: rules " + switch (action) {
                case "import" -> "import DIR [config.yml] --message M";
                case "export" -> "export VERSION|published DIR [config.yml]";
                case "publish" -> "publish DIR --message M";
                case "preview" -> "preview DIR [--customers N]";
                default -> action + " [config.yml]";
            });
        }
        Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
        attributes.put("paths", arguments.subList(0, needed));
        if (arguments.size() > needed && needed < allowed) {
            attributes.put("file", arguments.get(needed));
        }
        return new Namespace(attributes);
    }

    @Override
    protected void run(Bootstrap<TicketspaceConfiguration> bootstrap, Namespace namespace,
                       TicketspaceConfiguration configuration) throws Exception {
        Path directory = Path.of(configuration.getRules().directory());
        RulesCompiler compiler = new RulesCompiler(directory);
        List<String> paths = namespace.getList("paths");
        switch (namespace.getString("action")) {
            case "check" -> check(compiler);
            case "test" -> {
                String scenarios = namespace.getString("scenarios");
                test(bootstrap, compiler, configuration.getRules().recentTickets().limit(),
                        scenarios == null ? directory.resolve("scenarios") : Path.of(scenarios));
            }
            case "import" -> importSet(configuration, Path.of(paths.get(0)), namespace.getString("message"),
                    namespace.getString("author"));
            default -> export(configuration, paths.get(0), Path.of(paths.get(1)));
        }
    }

    /** Checks the directory's set and stores it as the next version; exit 1 unless it may be published. */
    private static void importSet(TicketspaceConfiguration configuration, Path directory, String message, String author)
            throws Exception {
        if (message == null || message.isBlank()) {
            throw new CommandFailed("rules import needs --message: what the version changes, and why");
        }
        RuleSetFiles files = files(directory);
        ObjectMapper json = JsonSettings.apply(Jackson.newObjectMapper());
        RuleSetChecker checker = new RuleSetChecker(configuration.getRules().check(), json,
                configuration.getRules().recentTickets().limit());
        ManagedDataSource dataSource = configuration.getDatabase().build(new MetricRegistry(), "rules");
        try {
            if (configuration.getDatabase().isMigrateOnStart()) {
                Store.migrate(dataSource);
            }
            Jdbi jdbi = Store.jdbi(dataSource);
            System.out.println("checking " + directory + " (" + files.files().size() + " files)...");
            RuleSets.Version version = new RuleSets(jdbi, checker, json, Clock.systemUTC())
                    .create(files, author, message);
            jdbi.useExtension(RuleSetDao.class, dao -> dao.audit(version.createdAt(), author, "CLI",
                    "rules import " + directory, 201, version.version()));
            JsonNode detail = json.valueToTree(RulesApi.Detail.of(version, false, files));
            printCheck(detail);
            System.out.println("imported " + directory + " as version " + version.version());
            requirePublishable(detail);
        } finally {
            checker.stop();
            dataSource.stop();
        }
    }

    /**
     * Writes the version's files into the directory, and removes the rule and scenario files there that
     * are not the version's: the directory then holds exactly the version (commit it).
     */
    private static void export(TicketspaceConfiguration configuration, String version, Path directory) throws Exception {
        ManagedDataSource dataSource = configuration.getDatabase().build(new MetricRegistry(), "rules");
        try {
            Jdbi jdbi = Store.jdbi(dataSource);
            RuleSets ruleSets = new RuleSets(jdbi, null, JsonSettings.apply(Jackson.newObjectMapper()), Clock.systemUTC());
            int number = version.equals("published")
                    ? ruleSets.published().map(RuleSets.Publication::version).orElse(0) : parseVersion(version);
            RuleSetFiles files;
            try {
                files = ruleSets.files(number);
            } catch (ApiException e) {
                throw new CommandFailed(e.getMessage());
            }
            for (Path stale : setFilesIn(directory)) {
                String path = directory.relativize(stale).toString().replace('\\', '/');
                if (!files.files().containsKey(path)) {
                    Files.delete(stale);
                    System.out.println("removed " + stale);
                }
            }
            files.write(directory).forEach(written -> System.out.println("wrote " + written));
            System.out.println("version " + number + " (" + files.hash() + ") is in " + directory);
        } finally {
            dataSource.stop();
        }
    }

    private static int parseVersion(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new CommandFailed("VERSION is a version number or 'published', not '" + version + "'");
        }
    }

    /** The rule and scenario files of a directory, as a rule set knows them. */
    private static List<Path> setFilesIn(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path folder : List.of(directory, directory.resolve(RuleSetFiles.SCENARIOS))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> paths = Files.list(folder)) {
                    paths.filter(Files::isRegularFile).filter(p -> folder.equals(directory)
                            ? p.toString().endsWith(".drl") : p.toString().matches(".*\\.ya?ml")).forEach(found::add);
                }
            }
        }
        return found;
    }

    /** {@code rules publish} and {@code rules preview}: through the API of a running service. */
    private void remote(Namespace namespace) throws Exception {
        Path directory = Path.of(namespace.<String>getList("paths").get(0));
        RuleSetFiles files = files(directory);
        ObjectMapper json = JsonSettings.apply(Jackson.newObjectMapper());
        RulesClient client = new RulesClient(json, setting(namespace.getString("url"), URL, "--url"),
                setting(namespace.getString("editor"), EDITOR, "--editor"), setting(null, PASSWORD, null));
        boolean publish = namespace.getString("action").equals("publish");
        String message = namespace.getString("message");
        if (publish && (message == null || message.isBlank())) {
            throw new CommandFailed("rules publish needs --message: what the version changes, and why");
        }
        if (publish) {
            RulesClient.Reply published = client.get("published");
            if (published.ok() && published.body().path("hash").asText().equals(files.hash())) {
                System.out.println(directory + " is version " + published.body().path("version").asInt()
                        + ", published already");
                return;
            }
        }
        System.out.println("checking " + directory + " (" + files.files().size() + " files)...");
        RulesClient.Reply created = client.post("versions", Map.of("files", files.files(),
                "message", message == null || message.isBlank() ? "preview of " + directory : message));
        if (!created.ok()) {
            throw new CommandFailed("the service refused the rule set: " + created.error());
        }
        printCheck(created.body());
        int version = created.body().path("version").asInt();
        System.out.println("made version " + version);
        if (publish) {
            requirePublishable(created.body());
            RulesClient.Reply publication = client.post("versions/" + version + "/publish", Map.of("reason", message));
            if (!publication.ok()) {
                throw new CommandFailed("version " + version + " was not published: " + publication.error());
            }
            System.out.println("published version " + version + "; every replica serves it within seconds");
        } else {
            preview(client, version, namespace.getInt("customers"));
        }
    }

    private static void preview(RulesClient client, int version, int customers) throws Exception {
        RulesClient.Reply preview = client.post("versions/" + version + "/preview", Map.of("customers", customers));
        if (preview.status() == 404 && preview.body().path("code").asText().equals("not_found")) {
            System.out.println("preview: not available on this service");
            return;
        }
        if (!preview.ok()) {
            throw new CommandFailed("no preview of version " + version + ": " + preview.error());
        }
        JsonNode body = preview.body();
        System.out.println("compared " + body.path("customersCompared").asInt() + " customers"
                + (body.path("complete").asBoolean(true) ? "" : " (stopped at the time bound)") + ": "
                + body.path("customersChanged").asInt() + " would see something different");
        body.path("changes").fields().forEachRemaining(change ->
                System.out.println("  " + change.getKey() + ": " + change.getValue().asInt()));
        for (JsonNode example : body.path("examples")) {
            System.out.println("  e.g. " + example.path("workspaceId").asText() + "/" + example.path("customerId").asText()
                    + ": " + example.path("differences"));
        }
    }

    /** An option, else the environment variable; never printed. */
    private String setting(String option, String variable, String flag) {
        String value = option != null ? option : environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new CommandFailed("set $" + variable + (flag == null ? "" : " or " + flag));
        }
        return value;
    }

    private static RuleSetFiles files(Path directory) {
        try {
            return RuleSetFiles.read(directory);
        } catch (ApiException e) {
            throw new CommandFailed(directory + ": " + e.getMessage());
        }
    }

    /** Prints a version's check (a {@link RulesApi.Detail} as JSON), as {@code rules check} and {@code rules test} would. */
    private static void printCheck(JsonNode detail) {
        for (JsonNode problem : detail.path("problems")) {
            System.out.println(problem.path("file").asText() + ":" + problem.path("line").asInt() + ":"
                    + problem.path("column").asInt() + ": " + (problem.path("warning").asBoolean() ? "warning: " : "")
                    + problem.path("message").asText());
        }
        JsonNode scenarios = detail.path("scenarios");
        for (JsonNode failure : scenarios.path("failures")) {
            System.out.println("FAIL  " + failure.path("file").asText() + ":" + failure.path("line").asInt()
                    + (failure.path("name").isTextual() ? " " + failure.path("name").asText() : ""));
            failure.path("differences").forEach(d -> System.out.println("      " + d.asText()));
        }
        scenarios.path("warnings").forEach(w -> System.out.println("warning: " + w.asText()));
        if (scenarios.isObject()) {
            System.out.println(detail.path("rules").asInt() + " rules; scenarios: " + scenarios.path("passed").asInt()
                    + " passed, " + scenarios.path("failed").asInt() + " failed");
        }
    }

    private static void requirePublishable(JsonNode detail) {
        if (!detail.path("publishable").asBoolean()) {
            throw new CommandFailed("version " + detail.path("version").asInt()
                    + " cannot be published: it has compile errors or failing scenarios");
        }
    }

    private static void check(RulesCompiler compiler) {
        RulesCompiler.Compilation compilation = compiler.compile();
        compilation.problems().forEach(System.out::println);
        if (!compilation.succeeded()) {
            throw new CommandFailed(compilation.errors().size() + " error(s) in " + compiler.directory());
        }
        System.out.println(compiler.directory() + ": " + compilation.ruleCount() + " rules, no errors");
    }

    private static void test(Bootstrap<TicketspaceConfiguration> bootstrap, RulesCompiler compiler, int cardLimit,
                             Path scenarios) throws Exception {
        RuleBase rules = new RuleBase(compiler, new MetricRegistry());
        try {
            rules.start();
        } catch (RuntimeException e) {
            throw new CommandFailed(e.getMessage());
        }
        ObjectMapper json = JsonSettings.apply(Jackson.newObjectMapper());
        ScenarioParser parser = new ScenarioParser(json, bootstrap.getValidatorFactory().getValidator());
        List<String> failed = new ArrayList<>();
        int passed = 0;
        try (ScenarioRunner runner = new ScenarioRunner(json, rules, cardLimit)) {
            for (Path file : ScenarioRunner.scenarioFiles(scenarios)) {
                List<Scenario> parsed;
                try {
                    parsed = parser.parse(file);
                } catch (ScenarioFormatException e) {
                    System.out.println("ERROR " + e.getMessage());
                    failed.add(file.toString());
                    continue;
                }
                for (Scenario scenario : parsed) {
                    ScenarioResult result = runner.run(scenario);
                    System.out.println((result.passed() ? "PASS  " : "FAIL  ") + scenario.title());
                    result.differences().forEach(difference -> System.out.println("      " + difference));
                    result.warnings().forEach(warning -> System.out.println("      warning: " + warning));
                    if (result.passed()) {
                        passed++;
                    } else {
                        failed.add(scenario.title());
                    }
                }
            }
        }
        System.out.println(passed + " passed, " + failed.size() + " failed");
        if (!failed.isEmpty()) {
            throw new CommandFailed("failing scenarios: " + String.join("; ", failed));
        }
    }
}
