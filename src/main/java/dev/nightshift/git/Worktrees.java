package dev.nightshift.git;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A worktree per spec on branch {@code nightshift/<spec>}: the branch is reused when it exists
 * (locally, or on the remote), otherwise made from the remote's base.
 */
@Component
public class Worktrees {

    /** Where the branch of a worktree came from. */
    public enum Start {
        /** nightshift's own branch from an earlier batch (it may hold unpushed work). */
        LOCAL_BRANCH,
        /** Only the remote had it (e.g. the clone was made again). */
        REMOTE_BRANCH,
        /** A new branch from the remote's base. */
        NEW_BRANCH,
        /** The worktree itself was still there from an earlier batch. */
        EXISTING_WORKTREE
    }

    public record Prepared(Path path, String branch, Start start) {
    }

    private final Home home;
    private final Git git;

    public Worktrees(Home home, Git git) {
        this.home = home;
        this.git = git;
    }

    public Prepared prepare(Path clone, String project, String spec, String branch, String base, Path log) {
        Path path = home.worktree(project, spec);
        git.run(clone, log, "worktree", "prune");
        if (Files.isDirectory(path) && git.ok(path, log, "rev-parse", "--is-inside-work-tree")
                && branch.equals(git.run(path, log, "symbolic-ref", "--short", "HEAD").stdout().strip())) {
            return new Prepared(path, branch, Start.EXISTING_WORKTREE);
        }
        RepositoryClones.deleteTree(path);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git.run(clone, log, "worktree", "prune");
        Start start;
        if (git.ok(clone, log, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch)) {
            git.out(clone, log, "worktree", "add", path.toString(), branch);
            start = Start.LOCAL_BRANCH;
        } else if (git.ok(clone, log, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/" + branch)) {
            git.out(clone, log, "worktree", "add", "-b", branch, path.toString(), "origin/" + branch);
            start = Start.REMOTE_BRANCH;
        } else {
            git.out(clone, log, "worktree", "add", "--no-track", "-b", branch, path.toString(), "origin/" + base);
            start = Start.NEW_BRANCH;
        }
        return new Prepared(path, branch, start);
    }

    /** A detached checkout of a commit, for integration runs. */
    public Path checkout(Path clone, String project, String name, String commit, Path log) {
        Path path = home.worktrees().resolve(project).resolve("_" + name);
        remove(clone, path, log);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git.out(clone, log, "worktree", "add", "--detach", path.toString(), commit);
        return path;
    }

    public void remove(Path clone, Path worktree, Path log) {
        if (Files.isDirectory(clone)) {
            git.run(clone, log, "worktree", "remove", "--force", worktree.toString());
        }
        RepositoryClones.deleteTree(worktree);
        if (Files.isDirectory(clone)) {
            git.run(clone, log, "worktree", "prune");
        }
    }

    /** The names of the worktrees that exist for a project (spec names, and _-prefixed checkouts). */
    public List<Path> existing(String project) {
        Path dir = home.worktrees().resolve(project);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
