package dev.nightshift.demo;

import dev.nightshift.exec.Bubblewrap;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.Git;
import dev.nightshift.secret.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A throwaway home for {@code nightshift demo}: a sample shell project with a bare "origin"
 * repository, one project folder with two specs, and the offline demo agent.
 */
public final class DemoHome {

    /** The file that marks a folder as made by the demo, so that only such a folder is ever replaced. */
    public static final String MARKER = ".nightshift-demo";

    private DemoHome() {
    }

    /** Why the demo may not be made at {@code dir}: it exists and an earlier demo did not make it. */
    public static Optional<String> refusal(Path dir) {
        return Files.exists(dir) && !Files.exists(dir.resolve(MARKER))
                ? Optional.of(dir + " exists and was not made by `nightshift demo`; move it away first")
                : Optional.empty();
    }

    /** Makes the demo home at {@code dir}, replacing an earlier demo there; refuses any other folder. */
    public static void create(Path dir) {
        Optional<String> refused = refusal(dir);
        if (refused.isPresent()) {
            throw new IllegalStateException(refused.get());
        }
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "made by `nightshift demo`; safe to delete\n");
            Path seed = dir.resolve(".sample-seed");
            for (String name : resource("files.txt").lines().filter(l -> !l.isBlank()).toList()) {
                String text = resource(name);
                // Maven leaves dotfiles out of the jar, so the sample's .gitignore travels as "gitignore".
                String placed = name.equals("sample/gitignore") ? "sample/.gitignore" : name;
                Path target = placed.startsWith("sample/") ? seed.resolve(placed.substring("sample/".length())) : dir.resolve(placed);
                if (name.equals("nightshift.yml")) {
                    text = text.replace("@AGENT@", dir.resolve("agent").resolve("demo-agent.sh").toString())
                            .replace("@SANDBOX@", sandbox());
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, text, StandardCharsets.UTF_8);
                if (name.endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            makeOrigin(seed, dir.resolve("sample.git"));
            deleteTree(seed);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the demo home in " + dir, e);
        }
    }

    /**
     * bwrap where bubblewrap is installed, else none: the demo runs on a machine with nothing but a
     * JDK, Maven and git, and says which it chose.
     */
    public static String sandbox() {
        return Bubblewrap.find(System.getenv("PATH")).isPresent() ? "bwrap" : "none";
    }

    /** The sample's history: one commit on main, pushed into a bare repository that plays "origin". */
    private static void makeOrigin(Path seed, Path origin) {
        ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        Map<String, String> variables = new java.util.HashMap<>(Git.isolation());
        variables.putAll(Map.of("GIT_AUTHOR_NAME", "nightshift demo", "GIT_AUTHOR_EMAIL", "demo@localhost",
                "GIT_COMMITTER_NAME", "nightshift demo", "GIT_COMMITTER_EMAIL", "demo@localhost"));
        Map<String, String> env = new ProcessEnvironment(System.getenv(), Set.of()).forTools(variables);
        Path log = seed.getParent().resolve(".nightshift").resolve("demo-setup.log");
        List<List<String>> commands = List.of(
                Git.command(List.of("init", "--quiet")),
                Git.command(List.of("symbolic-ref", "HEAD", "refs/heads/main")),
                Git.command(List.of("add", "--all")),
                Git.command(List.of("commit", "--quiet", "-m", "The sample project: a version function and its test")),
                Git.command(List.of("clone", "--quiet", "--bare", seed.toString(), origin.toString())));
        for (List<String> command : commands) {
            ProcessResult result = runner.run(ProcessSpec.of("demo setup", command, seed, env, Duration.ofMinutes(1), log));
            if (!result.succeeded()) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + result.tail());
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoHome.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("the demo resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
