package dev.nightshift.testing;

import dev.nightshift.cli.NightshiftCommand;
import dev.nightshift.config.Home;
import dev.nightshift.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real nightshift home in a temporary folder for tests: a bare git "origin" holding a tiny shell
 * project whose tests/run.sh runs tests/test_*.sh and writes JUnit XML, agent scripts that really
 * change files, and the command line run in this JVM.
 */
public final class TestHome {

    /** The sample project's test runner: each tests/test_*.sh is one test. */
    public static final String RUN_TESTS = """
            #!/usr/bin/env bash
            cd "$(dirname "$0")/.." || exit 2
            passed=0; failed=0; cases=""
            for t in tests/test_*.sh; do
              [ -e "$t" ] || continue
              n=$(basename "$t" .sh)
              if out=$(bash "$t" 2>&1); then passed=$((passed+1)); cases="$cases<testcase name=\\"$n\\"/>"; echo "PASS $n"
              else failed=$((failed+1)); cases="$cases<testcase name=\\"$n\\"><failure message=\\"failed\\"/></testcase>"; echo "FAIL $n: $out"; fi
            done
            mkdir -p target/test-reports
            printf '<testsuite name="sample" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\\n' \\
              $((passed+failed)) "$failed" "$cases" > target/test-reports/TEST-sample.xml
            echo "Tests run: $((passed+failed)), Failures: $failed"
            [ "$failed" -eq 0 ]
            """;

    private final Path root;
    private final Path origin;

    private TestHome(Path root, Path origin) {
        this.root = root;
        this.origin = origin;
    }

    /** A home at {@code dir}/home with a bare origin at {@code dir}/origin.git holding one commit on main. */
    public static TestHome create(Path dir) {
        Path root = dir.resolve("home");
        Path origin = dir.resolve("origin.git");
        Path seed = dir.resolve("seed");
        write(seed.resolve(".gitignore"), "target/\n");
        write(seed.resolve("src/version.sh"), "version() { echo 0.1.0; }\n");
        write(seed.resolve("tests/test_version.sh"), "#!/usr/bin/env bash\nsource src/version.sh\n[ \"$(version)\" = 0.1.0 ]\n");
        write(seed.resolve("tests/run.sh"), RUN_TESTS);
        git(seed, "init", "--quiet");
        git(seed, "symbolic-ref", "HEAD", "refs/heads/main");
        git(seed, "add", "--all");
        git(seed, "commit", "--quiet", "-m", "seed");
        git(dir, "clone", "--quiet", "--bare", seed.toString(), origin.toString());
        write(root.resolve("wip-specs/README.md"), "the queue\n");
        return new TestHome(root, origin);
    }

    /** The same home after its folder was moved or copied to {@code newRoot}: same origin. */
    public TestHome at(Path newRoot) {
        return new TestHome(newRoot, origin);
    }

    public Path root() {
        return root;
    }

    public Home home() {
        return new Home(root);
    }

    public Path origin() {
        return origin;
    }

    /** Replaces nightshift.yml whole, by a rename: a daemon watching it never reads it half written. */
    public TestHome settings(String yaml) {
        Path file = root.resolve("nightshift.yml");
        Path fresh = root.resolve(".nightshift.yml.new");
        write(fresh, yaml);
        try {
            Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A project on the bare origin, with the sample's test runner as its gate unless {@code extra} says otherwise. */
    public TestHome project(String name, String extra) {
        String yaml = "repo: " + origin + "\n" + (extra.contains("base:") ? "" : "base: main\n")
                + (extra.contains("test:") ? "" : "test: bash tests/run.sh\n") + extra;
        write(root.resolve("wip-specs").resolve(name).resolve("project.yml"), yaml);
        return this;
    }

    public Path spec(String project, String folder, String name, String text) {
        Path file = root.resolve("wip-specs").resolve(project).resolve(folder).resolve(name + ".md");
        write(file, text);
        return file;
    }

    /** An executable agent script in the home's {@code agents/} folder; returns its path. */
    public Path agent(String name, String script) {
        Path file = root.resolve("agents").resolve(name);
        write(file, script.startsWith("#!") ? script : "#!/usr/bin/env bash\n" + script);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs the command line in this JVM with {@code --home} set; returns the exit code. */
    public int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", root.toString()));
        all.addAll(List.of(args));
        return NightshiftCommand.execute(all.toArray(String[]::new));
    }

    public boolean originHasBranch(String branch) {
        return !gitOut(origin, "branch", "--list", branch).isBlank();
    }

    public List<String> originFiles(String ref) {
        return gitOut(origin, "ls-tree", "-r", "--name-only", ref).lines().toList();
    }

    public JdbcClient db() {
        return Database.open(home());
    }

    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    /** The report folder of the newest batch. */
    public Path latestReport() {
        try (var dirs = Files.list(root.resolve("reports"))) {
            return dirs.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String gitOut(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@localhost"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void git(Path dir, String... args) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitOut(dir, args);
    }
}
