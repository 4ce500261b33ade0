package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Commands asked to do what they cannot: exit 2 with one line that says why, and no trace left behind. */
class UsageIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void everyCommandRefusesAHomeThatDoesNotExistAndCreatesNothing() {
        Path missing = dir.resolve("nightshfit-typo");
        for (List<String> command : List.of(List.of("run"), List.of("run", "--dry-run"), List.of("daemon"),
                List.of("status"), List.of("doctor"), List.of("prs"), List.of("report"), List.of("report", "--send"),
                List.of("spec", "new", "shop", "A title"), List.of("pause", "away"), List.of("resume"), List.of("demo"))) {
            String[] args = Stream.concat(Stream.of("--home", missing.toString()), command.stream()).toArray(String[]::new);

            Captured refused = Captured.execute(args);

            assertThat(refused.exit()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(refused.err()).as(String.join(" ", command)).isEqualTo("nightshift: no home at " + missing
                    + " (--home / NIGHTSHIFT_HOME names a folder that does not exist)" + System.lineSeparator());
            assertThat(missing).as(String.join(" ", command)).doesNotExist();
        }
    }

    @Test
    void runForAProjectThatCannotRunExitsTwoBeforeTheLockARecordOrSpring() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        TestHome.write(home.root().resolve("wip-specs/broken/project.yml"), "repo: /tmp/x.git\ntest: true\ntests: [a]\n");
        home.spec("broken", "next", "0001-fix", "# Fix\n");
        TestHome.write(home.root().resolve("wip-specs/_example/project.yml"), "repo: /tmp/x.git\ntest: true\n");

        Captured absent = Captured.run(home, "run", "--project", "shpo");
        Captured invalid = Captured.run(home, "run", "--project", "broken");
        Captured badName = Captured.run(home, "run", "--project", "_example");

        assertThat(absent.exit()).isEqualTo(2);
        assertThat(absent.err().strip()).isEqualTo("nightshift: there is no project shpo in " + home.home().wipSpecs()
                + " (its projects: broken, shop)");
        assertThat(invalid.exit()).as("an invalid project is no success").isEqualTo(2);
        assertThat(invalid.err().strip()).isEqualTo("nightshift: project broken cannot run: " + home.home().wipSpecs()
                + "/broken/project.yml:3: tests: unknown key (known here: base, health, integration, paths, pr, protected,"
                + " repo, test, test-reports)");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err().strip()).isEqualTo("nightshift: --project \"_example\" is not a project name nightshift"
                + " accepts: it uses characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit");
        assertThat(home.root().resolve(".nightshift")).as("no lock taken, no database made: Spring never started")
                .doesNotExist();

        // with a database from earlier batches: still no batch recorded
        JdbcClient db = home.db();
        assertThat(Captured.run(home, "run", "--project", "broken").exit()).isEqualTo(2);
        assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isZero();
    }

    @Test
    void nightshiftHomeMustNameAFolderToo() throws Exception {
        Path missing = dir.resolve("gone");
        assertThatThrownBy(() -> NightshiftCommand.chosenHome(null, Map.of("NIGHTSHIFT_HOME", missing.toString())))
                .hasMessage("no home at " + missing + " (--home / NIGHTSHIFT_HOME names a folder that does not exist)");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> NightshiftCommand.chosenHome(null, Map.of("NIGHTSHIFT_HOME", file.toString())))
                .hasMessage("no home at " + file + " (--home / NIGHTSHIFT_HOME names a file, not a folder)");
        assertThat(NightshiftCommand.chosenHome(null, Map.of("NIGHTSHIFT_HOME", dir.toString())).root()).isEqualTo(dir);
        assertThat(NightshiftCommand.chosenHome(dir, Map.of("NIGHTSHIFT_HOME", missing.toString())).root())
                .as("--home comes first").isEqualTo(dir);
        assertThat(NightshiftCommand.chosenHome(null, Map.of()).root()).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void aHomeFolderNamedLikeACommandIsReadAsTheHomeByEveryCommand() throws Exception {
        // The demo makes its home in demo/: `--home demo` is that folder, not the demo command.
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.createSymbolicLink(cwd.resolve("demo"), home.root());

        for (List<String> command : List.of(List.of("pause", "away"), List.of("status"), List.of("resume"))) {
            List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), dev.nightshift.NightshiftApplication.class.getName(),
                    "--home", "demo"));
            line.addAll(command);
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(line).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();

            assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(command + ": " + Files.readString(log)).isZero();
            if (command.get(0).equals("pause")) {
                assertThat(home.home().pauseFile()).as("written in the home named demo").exists();
            } else if (command.get(0).equals("status")) {
                assertThat(Files.readString(log)).contains("nightshift status · ").contains("PAUSED: away");
            }
        }
        assertThat(home.home().pauseFile()).as("resumed").doesNotExist();
    }

    @Test
    void springSettingsFilesInTheWorkingFolderAreNotRead() throws Exception {
        // What an agent could leave where a batch is started from: Spring Boot reads application.properties
        // from the working folder and its config/ by default. Here they would turn off the schema and print a banner.
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", "true")));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        String hostile = "spring.flyway.enabled=false\nspring.main.banner-mode=console\n";
        Files.writeString(cwd.resolve("application.properties"), hostile);
        Files.writeString(Files.createDirectories(cwd.resolve("config")).resolve("application-batch.properties"), hostile);

        // As the launcher starts a batch (the context generated at build time, which migrates the
        // new home's schema itself and weighed its conditions at build time) and as the tests do.
        assertThat(org.springframework.util.ClassUtils.isPresent(BatchContextAot.INITIALIZER, null))
                .as("the build generated the batch context").isTrue();
        for (String context : List.of("precomputed", "worked out")) {
            List<String> line = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + BatchContextAot.SWITCH + "=" + context.equals("precomputed"),
                    "-cp", System.getProperty("java.class.path"), dev.nightshift.NightshiftApplication.class.getName(),
                    "--home", home.root().toString(), "run", "--dry-run");
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(line).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();

            assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as(context).isTrue();
            assertThat(child.exitValue()).as(context + ": " + Files.readString(log)).isZero();
            assertThat(Files.readString(log)).as(context).contains("succeeded").doesNotContain(":: Spring Boot ::");
        }
        assertThat(home.db().sql("SELECT COUNT(*) FROM plans").query(Integer.class).single()).isEqualTo(2);
    }
}
