package dev.nightshift.git;

import dev.nightshift.config.Home;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * nightshift's own clone of each project's repository, in {@code .nightshift/repos/<project>}:
 * made when missing, made again when broken, fetched before use. The owner's checkout is never
 * touched. A remote that cannot be reached is named as such, so the project is skipped with that
 * reason while the others carry on.
 */
@Component
public class RepositoryClones {

    private static final Logger log = LoggerFactory.getLogger(RepositoryClones.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Home home;
    private final Git git;

    public RepositoryClones(Home home, Git git) {
        this.home = home;
        this.git = git;
    }

    /** The clone, fetched; {@code origin/<base>} is then the remote's base. */
    public Path ensure(String project, ProjectSettings settings, Path logFile) {
        Path clone = home.clone(project);
        String url = resolveUrl(settings.repo());
        Path broken = null;
        if (Files.exists(clone) && !git.ok(clone, logFile, "rev-parse", "--git-dir")) {
            broken = setAside(project, clone, "is not a git repository any more");
        }
        if (!Files.isDirectory(clone.resolve(".git"))) {
            cloneAgain(url, clone, logFile);
        } else {
            git.out(clone, logFile, "remote", "set-url", "origin", url);
            ProcessResult fetch = git.run(clone, logFile, "fetch", "--prune", "origin");
            if (!fetch.succeeded()) {
                requireReachable(url, clone.getParent(), logFile);
                // The remote answers, so the fault is in the clone itself.
                broken = setAside(project, clone, "cannot fetch (" + Git.reason(fetch.tail()) + ")");
                cloneAgain(url, clone, logFile);
            }
        }
        if (broken != null) {
            rescueBranches(project, broken, clone, logFile);
        }
        excludeStateFolder(clone);
        if (git.run(clone, logFile, "config", "user.email").stdout().isBlank()) {
            git.out(clone, logFile, "config", "user.email", "nightshift@localhost");
            git.out(clone, logFile, "config", "user.name", "nightshift");
        }
        if (!git.ok(clone, logFile, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/" + settings.base())) {
            throw new GitException("the remote " + url + " has no branch " + settings.base()
                    + " (project.yml base)");
        }
        return clone;
    }

    /** A URL as given, or a local path read relative to the home. */
    public String resolveUrl(String repo) {
        if (repo.contains("://") || repo.matches("^[\\w.-]+@[\\w.-]+:.*")) {
            return repo;
        }
        Path path = Path.of(repo);
        return (path.isAbsolute() ? path : home.root().resolve(path)).normalize().toString();
    }

    private void cloneAgain(String url, Path clone, Path logFile) {
        deleteTree(clone);
        try {
            Files.createDirectories(clone.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessResult cloned = git.run(clone.getParent(), logFile, "clone", "--no-checkout", "--origin", "origin", "--",
                url, clone.toString());
        if (!cloned.succeeded()) {
            deleteTree(clone);
            requireReachable(url, clone.getParent(), logFile);
            throw new GitException("could not clone " + url + ": " + Git.reason(cloned.tail()));
        }
    }

    /** @throws GitException naming the remote and git's reason when it does not answer */
    private void requireReachable(String url, Path dir, Path logFile) {
        ProcessResult probe = git.run(dir, logFile, "ls-remote", "--heads", "--", url);
        if (!probe.succeeded()) {
            throw new GitException("cannot reach the repository " + url + (probe.timedOut() ? " (timed out)" : "")
                    + ": " + Git.reason(probe.tail()) + "; nothing was fetched or pushed");
        }
    }

    /** A broken clone is moved out of the way rather than deleted: its local branches may hold unpushed work. */
    private Path setAside(String project, Path clone, String why) {
        Path aside = home.clones().resolve(".broken-" + project + "-" + STAMP.format(LocalDateTime.now()));
        try {
            Files.move(clone, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the broken clone " + clone + " aside", e);
        }
        log.warn("the clone of {} {}; cloning it again (the old one is kept at {} until its branches are saved)",
                project, why, aside);
        return aside;
    }

    /** Brings nightshift's local branches over from a broken clone; the old clone goes once they are safe. */
    private void rescueBranches(String project, Path broken, Path clone, Path logFile) {
        ProcessResult rescued = git.run(clone, logFile, "fetch", "--no-tags", "--", broken.toString(),
                "refs/heads/nightshift/*:refs/heads/nightshift/*");
        if (rescued.succeeded()) {
            deleteTree(broken);
            log.info("the clone of {} was made again; its local nightshift/* branches were kept", project);
        } else {
            log.warn("the clone of {} was made again; its old local branches could not be read and stay in {}",
                    project, broken);
        }
    }

    /** Nothing under .nightshift/ in a worktree is ever committed (the agent's note and follow-ups). */
    private static void excludeStateFolder(Path clone) {
        Path exclude = clone.resolve(".git").resolve("info").resolve("exclude");
        try {
            Files.createDirectories(exclude.getParent());
            String current = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
            if (!current.lines().anyMatch("/.nightshift/"::equals)) {
                Files.writeString(exclude, (current.isEmpty() || current.endsWith("\n") ? "" : "\n") + "/.nightshift/\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + exclude, e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
