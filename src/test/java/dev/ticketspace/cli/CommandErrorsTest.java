package dev.ticketspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.ConfigFiles;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.ShippedConfig;
import dev.ticketspace.webhooks.WebhookSecret;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator's mistake on the command line (a configuration file that is not there, an unknown
 * workspace, a database that is held, refuses or does not answer) is one line on stderr saying what is
 * wrong, never a stack trace, and the application exits 1. Commands run through the application's own
 * command line, as {@code main} runs them.
 */
class CommandErrorsTest {
    private static final String H2_DRIVER = "org.h2.Driver";
    private static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.Driver";

    @TempDir
    Path temp;
    /**
     * The settings applications started earlier in this JVM left as {@code dw.*} system properties: a
     * command reads them over its file, so each test runs without them, as a command run from a shell.
     */
    private final Properties overrides = new Properties();

    @BeforeEach
    void withoutOtherApplicationsOverrides() {
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("dw."))
                .forEach(name -> overrides.setProperty(name, System.getProperty(name)));
        overrides.stringPropertyNames().forEach(System::clearProperty);
    }

    @AfterEach
    void restoreOverrides() {
        overrides.stringPropertyNames().forEach(name -> System.setProperty(name, overrides.getProperty(name)));
    }

    @Test
    void anUnknownWorkspaceIsOneLine() {
        assertThat(failure("token", "--workspace", "nope", "--customer", "c1", Backend.CONFIG))
                .startsWith("no workspace nope in " + Backend.CONFIG + " (it has demo, other, w01");
        assertThat(failure("generate", "--workspace", "nope", "--customers", "1", Backend.CONFIG))
                .startsWith("no workspace nope in ");
    }

    @Test
    void aMissingUnreadableOrInvalidConfigurationIsOneLine() throws IOException {
        String missing = temp.resolve("missing.yml").toString();
        String directory = Files.createDirectory(temp.resolve("config.d")).toString();
        String invalid = Files.writeString(temp.resolve("invalid.yml"),
                Files.readString(Path.of(Backend.CONFIG)).replace("database:", "databse:")).toString();
        for (List<String> command : List.of(List.of("token", "--workspace", "demo", "--customer", "c1"),
                List.of("generate", "--workspace", "demo"), List.of("rules", "check"), List.of("db", "migrate"),
                List.of("server"), List.of("check"))) {
            assertThat(failure(command, missing)).isEqualTo("cannot read the configuration file " + missing + ": no such file");
            assertThat(failure(command, directory))
                    .isEqualTo("cannot read the configuration file " + directory + ": a directory, not a file");
            assertThat(failure(command, invalid)).startsWith(invalid + ": Unrecognized field at: databse");
        }
        assertThat(failure("token", "--workspace", "nope", "--customer", "c1"))
                .as("config.yml in the working directory is the default").isEqualTo("no workspace nope in config.yml (it has demo)");
    }

    /** H2: a running server holds the file; MySQL: the server refuses the user. Then, with those fixed, it works. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabaseThatCannotBeOpenedIsOneLine(Backend backend) throws Exception {
        if (backend == Backend.H2) {
            String url = "jdbc:h2:file:" + temp.resolve("held") + ";MODE=MySQL";
            Path config = ConfigFiles.withDatabase(Backend.CONFIG, temp.resolve("h2.yml"), H2_DRIVER, url, "sa", "");
            try (HeldH2 held = new HeldH2(url)) {
                for (List<String> command : List.of(List.of("generate", "--workspace", "demo"), List.of("db", "migrate"))) {
                    assertThat(failure(command, config.toString())).isEqualTo("the database jdbc:h2:file:" + temp.resolve("held")
                            + " is in use by another process (a running server?): stop that first, or run on MySQL"
                            + " (README, On MySQL)");
                }
            }
            assertThat(run("db", "migrate", config.toString()).failure()).as("once the other process is gone").isEmpty();
        } else {
            String url = Db.privateDatabase(backend, "cli_errors");
            try {
                Path refused = ConfigFiles.withDatabase(Backend.CONFIG, temp.resolve("refused.yml"), MYSQL_DRIVER, url,
                        "ts-nobody", "wrong");
                for (List<String> command : List.of(List.of("generate", "--workspace", "demo"), List.of("db", "migrate"))) {
                    assertThat(failure(command, refused.toString())).startsWith("cannot connect to the database " + url
                            + ": Access denied for user 'ts-nobody'");
                }
                Path good = ConfigFiles.withDatabase(Backend.CONFIG, temp.resolve("good.yml"), MYSQL_DRIVER, url,
                        System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_USER", "ticketspace"),
                        System.getenv().getOrDefault("TICKETSPACE_TEST_MYSQL_PASSWORD", "ticketspace"));
                assertThat(run("db", "migrate", good.toString()).failure()).as("as a user it knows").isEmpty();
            } finally {
                Db.dropMysqlDatabase(url);
            }
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:mysql://127.0.0.1:" + closed + "/ticketspace";
        Path config = ConfigFiles.withDatabase(Backend.CONFIG, temp.resolve("down.yml"), MYSQL_DRIVER,
                url + "?password=in-the-url", "ticketspace", "secret");
        for (List<String> command : List.of(List.of("generate", "--workspace", "demo"), List.of("db", "migrate"))) {
            assertThat(failure(command, config.toString()))
                    .isEqualTo("cannot connect to the database " + url + ": Connection refused");
        }
    }

    /** {@code server} that cannot start: its port is taken, its rules do not compile. */
    @Test
    void aServerThatCannotStartIsOneLine() throws IOException {
        Map<String, String> settings = ConfigFiles.database(H2_DRIVER, Backend.H2.freshDatabaseUrl(), "sa", "");
        try (ServerSocket taken = new ServerSocket(0)) {
            settings.put("server.applicationConnectors.0.port", String.valueOf(taken.getLocalPort()));
            Path config = ConfigFiles.with(Backend.CONFIG, temp.resolve("port-taken.yml"), settings);
            assertThat(failure("server", config.toString()))
                    .endsWith(":" + taken.getLocalPort() + ": Address already in use");
        }
        Path noRules = Files.createDirectory(temp.resolve("no-rules"));
        settings.put("server.applicationConnectors.0.port", "0");
        settings.put("rules.directory", noRules.toString());
        Path config = ConfigFiles.with(Backend.CONFIG, temp.resolve("no-rules.yml"), settings);
        // on an empty database the rules directory becomes the first published version: it has none
        assertThat(failure("server", config.toString())).startsWith("a rule set needs files");
    }

    @Test
    void otherMistakesAreOneLine() throws IOException {
        assertThat(failure("token", "--workspace", "demo", "--customer", "c1", "--lifetime-minutes", "0", Backend.CONFIG))
                .isEqualTo("--lifetime-minutes must be 1 to 1440 (tokens.maxLifetime is 24 hours)");
        assertThat(failure("token", "--workspace", "demo", "--customer", "c1", "--lifetime-minutes", "1441",
                Backend.CONFIG)).isEqualTo("--lifetime-minutes must be 1 to 1440 (tokens.maxLifetime is 24 hours)");

        Path config = ConfigFiles.withDatabase(Backend.CONFIG, temp.resolve("mem.yml"), H2_DRIVER,
                Backend.H2.freshDatabaseUrl(), "sa", "");
        Path nowhere = temp.resolve("nowhere").resolve("tokens.txt");
        assertThat(failure("generate", "--workspace", "demo", "--customers", "2", "--tokens", nowhere.toString(),
                config.toString())).isEqualTo(nowhere + ": no such file");

        Path scenarios = temp.resolve("no-scenarios.yml");
        assertThat(failure("rules", "test", Backend.CONFIG, "--scenarios", scenarios.toString()))
                .isEqualTo(scenarios + ": no such file");

        Path body = temp.resolve("no-body.json");
        assertThat(failure("webhook", "verify", "--secret", WebhookSecret.generate(),
                "--file", body.toString(), "--header", "webhook-id: msg_1", "--header", "webhook-timestamp: 1",
                "--header", "webhook-signature: v1,x", "--tolerance-seconds", "0")).isEqualTo(body + ": no such file");
    }

    /**
     * {@code main} itself, in a JVM of its own, with the shipped config.yml and its logging: a database held
     * by another process makes it exit 1 with that one line on stderr, and no stack trace on stdout either
     * (where the log goes).
     */
    @Test
    void mainExitsOneWithTheLineAloneOnTheTerminal() throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("held") + ";MODE=MySQL";
        Path config = ConfigFiles.withDatabase(ShippedConfig.FILE, temp.resolve("config.yml"), H2_DRIVER, url, "sa", "");
        try (HeldH2 held = new HeldH2(url)) {
            Process main = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    TicketspaceApplication.class.getName(), "generate", "--workspace", "demo", "--customers", "1",
                    config.toString())
                    .redirectOutput(temp.resolve("stdout").toFile()).redirectError(temp.resolve("stderr").toFile())
                    .start();
            assertThat(main.waitFor(3, TimeUnit.MINUTES)).as("main ended").isTrue();
            assertThat(main.exitValue()).isEqualTo(1);
        }
        assertThat(Files.readAllLines(temp.resolve("stderr"))).containsExactly("the database jdbc:h2:file:"
                + temp.resolve("held") + " is in use by another process (a running server?): stop that first, or run on"
                + " MySQL (README, On MySQL)");
        assertThat(Files.readAllLines(temp.resolve("stdout"))).as("the log")
                .noneMatch(line -> line.contains("Exception") || line.matches("^\\W*at .*"));
    }

    private record Outcome(Optional<Throwable> failure, String stderr) {
    }

    private static Outcome run(String... arguments) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Optional<Throwable> failure = new TicketspaceApplication().cli(new ByteArrayOutputStream(), err).run(arguments);
        return new Outcome(failure, err.toString(StandardCharsets.UTF_8));
    }

    private static String failure(List<String> command, String configFile) {
        List<String> arguments = new ArrayList<>(command);
        arguments.add(configFile);
        return failure(arguments.toArray(String[]::new));
    }

    /** The one line the failed command printed on stderr. */
    private static String failure(String... arguments) {
        Outcome outcome = run(arguments);
        assertThat(outcome.failure()).as(String.join(" ", arguments) + " failed").isPresent();
        assertThat(outcome.stderr().lines().toList()).as(String.join(" ", arguments) + ": stderr").hasSize(1)
                .noneMatch(line -> line.contains("Exception") || line.contains("at dev."));
        return outcome.stderr().strip();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Another process with the H2 file open, as a running server would have it: H2's own shell. */
    private static final class HeldH2 implements AutoCloseable {
        private final Process shell;

        HeldH2(String url) throws IOException {
            String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
            shell = new ProcessBuilder(java(), "-cp", h2, "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "")
                    .redirectErrorStream(true).start();
            // The shell connects, then says hello (a connection it cannot make ends it instead).
            BufferedReader output = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                seen.add(line);
                if (line.startsWith("Welcome to H2 Shell")) {
                    return;
                }
            }
            shell.destroy();
            throw new IllegalStateException("the H2 shell did not connect: " + seen);
        }

        @Override
        public void close() throws Exception {
            try (Writer input = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8)) {
                input.write("quit\n");
            }
            if (!shell.waitFor(30, TimeUnit.SECONDS)) {
                shell.destroy();
            }
        }
    }
}
