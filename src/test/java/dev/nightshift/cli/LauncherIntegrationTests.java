package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/nightshift's fast start (issue 6), on a copy of the checkout holding the launcher and
 * the jar this build made: the jar is extracted, a class-data archive is trained on a throwaway
 * home, used from then on, and made again when the jar changes.
 */
class LauncherIntegrationTests {

    @TempDir
    Path dir;

    /** What one launcher run printed and how it ended. */
    private record Run(int exit, String out, String err) {
    }

    @Test
    void theFirstStartTrainsAnArchiveOffTheHomeWhichLaterStartsUseUntilTheJarChanges() throws Exception {
        Path checkout = copyOfCheckout();
        Path app = checkout.resolve("target/nightshift-app");
        TestHome home = TestHome.create(dir.resolve("owner"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        // first use, from an unrelated working directory
        Run first = launch(checkout, tmp, Map.of(), "--home", home.root().toString(), "status");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("nightshift status · " + home.root());
        assertThat(first.err()).contains("preparing a fast start");
        Path archive = app.resolve("nightshift.jsa");
        assertThat(app.resolve("nightshift.jar")).exists();
        assertThat(archive).as(Files.readString(app.resolve("cds-training.log"))).isNotEmptyFile();
        try (var left = Files.list(tmp)) {
            assertThat(left).as("the training home is removed").isEmpty();
        }
        assertThat(home.root().resolve(".nightshift")).as("the owner's home is not touched").doesNotExist();

        // later starts load nightshift's classes from it (-Xshare:on refuses an archive that does not fit)
        FileTime trained = Files.getLastModifiedTime(archive);
        Path loaded = dir.resolve("classes.log");
        Run later = launch(checkout, tmp, Map.of("NIGHTSHIFT_JAVA_OPTS",
                "-Xshare:on -XX:+PrintCommandLineFlags -Xlog:class+load=info:file=" + loaded), "--version");
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(later.out()).contains("nightshift 0.1.0")
                .as("the quick compiler only, on one thread").contains("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");
        assertThat(later.err()).doesNotContain("preparing");
        assertThat(Files.readString(loaded))
                .containsPattern("dev\\.nightshift\\.cli\\.NightshiftCommand source: shared objects file");
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(trained);

        // a batch with work finds its phases' classes there too (the training ends with a dry run),
        // and a flight recording, which looks at every class as it loads, runs with the archive;
        // its context comes from the code the build generated: no configuration class is read, and
        // nothing of Flyway is loaded once the schema is up to date
        home.project("shop", "").spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] Do it\n");
        Path dryLoaded = dir.resolve("dry-classes.log");
        Run dry = launch(checkout, tmp, Map.of("NIGHTSHIFT_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + dryLoaded
                + " -XX:StartFlightRecording=filename=" + dir.resolve("dry.jfr")), "--home", home.root().toString(),
                "run", "--dry-run");
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("succeeded");
        assertThat(Files.readString(dryLoaded))
                .containsPattern("dev\\.nightshift\\.supervisor\\.SupervisorPhase source: shared objects file")
                .containsPattern("org\\.thymeleaf\\.TemplateEngine source: shared objects file")
                .containsPattern("dev\\.nightshift\\.cli\\.BatchContextAot__BeanFactoryRegistrations source: shared objects file")
                .doesNotContain("org.springframework.context.annotation.ConfigurationClassParser ")
                .as("the home's first batch makes its schema").contains("org.flywaydb.core.Flyway ");
        Path againLoaded = dir.resolve("again-classes.log");
        Run again = launch(checkout, tmp, Map.of("NIGHTSHIFT_JAVA_OPTS", "-Xlog:class+load=info:file=" + againLoaded),
                "--home", home.root().toString(), "run", "--dry-run");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(Files.readString(againLoaded)).as("the schema is up to date: nothing of Flyway is loaded")
                .doesNotContain("org.flywaydb.core.Flyway ");
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(trained);

        // a new jar: extracted and trained again
        Path jar = checkout.resolve("target/nightshift.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Run rebuilt = launch(checkout, tmp, Map.of("NIGHTSHIFT_JAVA_OPTS", "-Xshare:on"), "--version");
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.err()).contains("preparing a fast start");
        assertThat(Files.getLastModifiedTime(archive)).isNotEqualTo(trained);

        // and the plain jar still runs when the fast start is switched off
        Run plain = launch(checkout, tmp, Map.of("NIGHTSHIFT_FAST_START", "0"), "--version");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("nightshift 0.1.0");
    }

    /**
     * Issue 2's first must-show, as a new user runs it: `scripts/nightshift demo` from another
     * folder, with the checkout as the home (the launcher's default), ends with exit 0 and a
     * report that names the project, the spec, the test result and the pull request.
     */
    @Test
    void onAnotherSystemThanLinuxTheLauncherSaysWhatIsWeakerInOneLine() throws Exception {
        Path checkout = copyOfCheckout();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // A uname that answers as macOS does, first on PATH.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("uname"), "#!/usr/bin/env bash\necho Darwin\n");
        Files.setPosixFilePermissions(bin.resolve("uname"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> plain = Map.of("NIGHTSHIFT_FAST_START", "0");

        Run darwin = launch(checkout, tmp, Map.of("NIGHTSHIFT_FAST_START", "0", "PATH", bin + ":" + System.getenv("PATH")),
                "--version");

        assertThat(darwin.exit()).as(darwin.err()).isZero();
        assertThat(darwin.err().lines().filter(l -> l.contains("not Linux")).toList()).containsExactly("nightshift: on Darwin,"
                + " not Linux: a process that leaves its group may outlive its deadline (no setsid or /proc), and the agent"
                + " has no bubblewrap sandbox");
        Run linux = launch(checkout, tmp, plain, "--version");
        assertThat(linux.exit()).as(linux.err()).isZero();
        assertThat(linux.err()).doesNotContain("not Linux");
    }

    @Test
    void theDaemonStartsWithASmallHeapThatFollowsWhatIsLiveAndShortCommandsDoNot() throws Exception {
        Path checkout = copyOfCheckout();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        TestHome home = TestHome.create(dir.resolve("owner"));
        // The JVM prints the options it was given and its version, then ends before nightshift starts.
        Map<String, String> flags = Map.of("NIGHTSHIFT_FAST_START", "0", "NIGHTSHIFT_JAVA_OPTS", "-XX:+PrintCommandLineFlags -version");

        Run daemon = launch(checkout, tmp, flags, "--home", home.root().toString(), "daemon");
        Run status = launch(checkout, tmp, flags, "--home", home.root().toString(), "status");
        Run larger = launch(checkout, tmp, Map.of("NIGHTSHIFT_FAST_START", "0",
                "NIGHTSHIFT_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xms64m -version"), "daemon");

        assertThat(daemon.exit()).as(daemon.err()).isZero();
        assertThat(daemon.out()).contains("-XX:InitialHeapSize=16777216", "-XX:MaxHeapFreeRatio=30",
                "-XX:MaxHeapSize=268435456", "-XX:+UseSerialGC");
        assertThat(status.out()).contains("-XX:MaxHeapSize=268435456").doesNotContain("-XX:InitialHeapSize=16777216")
                .doesNotContain("MaxHeapFreeRatio");
        assertThat(larger.out()).as("the owner's options come last and win").contains("-XX:InitialHeapSize=67108864");
    }

    @Test
    void theDemoRunsThroughTheLauncherFromAnyFolderAndItsReportNamesTheWork() throws Exception {
        Path checkout = copyOfCheckout();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        Run demo = launch(checkout, tmp, Map.of(), "demo");

        assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
        Path reports = checkout.resolve("demo/reports");
        Path batch;
        try (var entries = Files.list(reports)) {
            batch = entries.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(batch.resolve("report.html")))
                .contains("sample", "0001-greeting", "2 run, 2 passed", "PR #1");
        assertThat(demo.out()).contains("demo/reports/" + batch.getFileName() + "/report.html");
    }

    /** The launcher and the built jar, where the launcher expects them; no sources, so no build. */
    private Path copyOfCheckout() throws IOException {
        Path source = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("scripts"));
        Files.createDirectories(checkout.resolve("target"));
        Files.copy(source.resolve("scripts/nightshift"), checkout.resolve("scripts/nightshift"));
        Files.copy(source.resolve("target/nightshift.jar"), checkout.resolve("target/nightshift.jar"));
        return checkout;
    }

    private Run launch(Path checkout, Path tmp, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("scripts/nightshift").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("NIGHTSHIFT_HOME");
        builder.environment().remove("NIGHTSHIFT_JAVA_OPTS");
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
