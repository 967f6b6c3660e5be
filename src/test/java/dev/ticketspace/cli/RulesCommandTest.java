package dev.ticketspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.TicketspaceApplication;
import dev.ticketspace.TicketspaceConfiguration;
import dev.ticketspace.rulesets.RuleSetFiles;
import dev.ticketspace.support.Apps;
import dev.ticketspace.support.Backend;
import dev.ticketspace.support.Db;
import dev.ticketspace.support.Editors;
import dev.ticketspace.support.FixtureRules;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rules publish}, {@code preview}, {@code export} and {@code import}: the Git-as-source-of-truth
 * workflow against a running service and its database. The editor's password comes from the
 * environment and is never printed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RulesCommandTest {
    private static final String PASSWORD = Editors.PASSWORDS.get(Editors.ALICE);

    @TempDir
    Path folder;

    private final Map<String, String> environment = new HashMap<>();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDirectoryIsPublishedPreviewedExportedAndImported(Backend backend) throws Exception {
        String url = Db.privateDatabase(backend, "rules_cli");
        DropwizardAppExtension<TicketspaceConfiguration> app = FixtureRules.startOwnApp("publish", backend, url, Map.of());
        try {
            Path config = Apps.configFileOn(app, folder);
            Path repository = folder.resolve("repository");
            new RuleSetFiles(new TreeMap<>(Editors.cardOfOne())).write(repository);
            environment.put("TICKETSPACE_URL", "http://localhost:" + app.getLocalPort());
            environment.put("TICKETSPACE_EDITOR", Editors.ALICE);

            Run missing = run("rules", "publish", repository.toString(), "--message", "no password");
            assertThat(missing.failed()).isTrue();
            assertThat(missing.err()).contains("set $TICKETSPACE_EDITOR_PASSWORD");

            environment.put("TICKETSPACE_EDITOR_PASSWORD", "wrong");
            Run refused = run("rules", "publish", repository.toString(), "--message", "wrong password");
            assertThat(refused.failed()).isTrue();
            assertThat(refused.err()).contains("a rule editor's name and password are required");

            environment.put("TICKETSPACE_EDITOR_PASSWORD", PASSWORD);
            Run published = run("rules", "publish", repository.toString(), "--message", "the card of one");
            assertThat(published.failed()).as(published.err()).isFalse();
            assertThat(published.out()).contains("scenarios: 1 passed, 0 failed").contains("made version 2")
                    .contains("published version 2");
            Editors alice = Editors.as(app, Editors.ALICE);
            assertThat(alice.get("published").json().get("reason").asText()).isEqualTo("the card of one");

            Run again = run("rules", "publish", repository.toString(), "--message", "nothing new");
            assertThat(again.failed()).isFalse();
            assertThat(again.out()).contains("is version 2, published already");

            Run preview = run("rules", "preview", repository.toString(), "--customers", "10");
            assertThat(preview.failed()).as(preview.err()).isFalse();
            assertThat(preview.out()).contains("made version 3").contains("compared 0 customers: 0 would see something different");

            // a change made in the service comes back into the repository, stale files removed
            Path exported = Files.createDirectories(folder.resolve("exported"));
            Files.writeString(exported.resolve("stale.drl"), "// gone in version 2");
            Files.writeString(exported.resolve("README.md"), "kept: not a rule file");
            Run export = run("rules", "export", "published", exported.toString(), config.toString());
            assertThat(export.failed()).as(export.err()).isFalse();
            assertThat(export.out()).contains("removed " + exported.resolve("stale.drl"));
            assertThat(RuleSetFiles.read(exported).files()).isEqualTo(new TreeMap<>(Editors.cardOfOne()));
            assertThat(exported.resolve("README.md")).exists();

            // a set that fails its scenario is imported, but says it cannot be published
            Path broken = folder.resolve("broken");
            new RuleSetFiles(new TreeMap<>(Editors.edit(Editors.fixture(), "view.drl",
                    drl -> drl.replace(Editors.CARD_OF_TWO, Editors.CARD_OF_ONE)))).write(broken);
            Run imported = run("rules", "import", broken.toString(), config.toString(), "--message", "from the CLI",
                    "--author", "carol");
            assertThat(imported.failed()).isTrue();
            assertThat(imported.out()).contains("FAIL  scenarios/card.yml:1 the card holds the newest tickets, 2 of them")
                    .contains("imported " + broken + " as version 4");
            assertThat(imported.err()).contains("version 4 cannot be published");
            assertThat(alice.get("versions/4").json().get("author").asText()).isEqualTo("carol");

            for (Run run : new Run[] {missing, refused, published, again, preview, export, imported}) {
                assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
            }
        } finally {
            app.after();
            Db.dropForOwnApp(backend, url);
        }
    }

    private record Run(boolean failed, String out, String err) {
    }

    /** Runs the CLI as {@code java -jar ticketspace.jar ...} would, with this test's environment. */
    private Run run(String... arguments) throws Exception {
        Bootstrap<TicketspaceConfiguration> bootstrap = new Bootstrap<>(new TicketspaceApplication());
        bootstrap.addCommand(new RulesCommand(environment::get));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        boolean failed;
        synchronized (RulesCommandTest.class) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                failed = new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)).run(arguments).isPresent();
            } finally {
                System.setOut(systemOut);
            }
        }
        Run run = new Run(failed, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("RulesCommandTest: " + String.join(" ", arguments) + " -> " + (failed ? "failed" : "ok")
                + "\n" + run.out() + run.err());
        return run;
    }
}
