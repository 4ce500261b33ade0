package dev.nightshift.git;

import dev.nightshift.config.Home;
import dev.nightshift.config.ProjectSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * nightshift's own clone of each project's repository, in {@code .nightshift/repos/<project>}:
 * made when missing, made again when broken, fetched before use. The owner's checkout is never
 * touched.
 */
@Component
public class RepositoryClones {

    private static final Logger log = LoggerFactory.getLogger(RepositoryClones.class);

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
        if (Files.isDirectory(clone) && !git.ok(clone, logFile, "rev-parse", "--git-dir")) {
            log.warn("the clone of {} at {} is broken; cloning again", project, clone);
            deleteTree(clone);
        }
        if (!Files.isDirectory(clone.resolve(".git"))) {
            deleteTree(clone);
            try {
                Files.createDirectories(clone.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            git.out(clone.getParent(), logFile, "clone", "--no-checkout", "--origin", "origin", url, clone.toString());
        } else {
            git.out(clone, logFile, "remote", "set-url", "origin", url);
            git.out(clone, logFile, "fetch", "--prune", "origin");
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
