package dev.nightshift.git;

import dev.nightshift.config.Home;
import dev.nightshift.io.WorkingCopyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The folders in which other programs run on a project's code: the agent's working copy of a
 * spec's branch, and checkouts of one commit for the tests. Each is a repository of its own,
 * filled from nightshift's clone and linked to nothing: no remote, no shared objects, no worktree
 * of the clone. Whatever runs there may commit, rewrite history or set hooks and config in it;
 * nightshift reads nothing from it but files ({@link CandidateCommits}) and throws it away.
 */
@Component
public class Worktrees {

    /** Where the spec's branch came from. */
    public enum Start {
        /** nightshift's own branch from an earlier batch (it may hold unpushed work). */
        LOCAL_BRANCH,
        /** Only the remote had it (e.g. the clone was made again). */
        REMOTE_BRANCH,
        /** A new branch from the remote's base. */
        NEW_BRANCH
    }

    /** The spec's branch in nightshift's clone, and where its working copy goes. */
    public record Prepared(Path path, String branch, Start start) {
    }

    private static final String CHECKOUT_REF = "refs/nightshift/checkout/";

    private final Home home;
    private final Git git;

    public Worktrees(Home home, Git git) {
        this.home = home;
        this.git = git;
    }

    /**
     * The spec's branch in nightshift's clone: the local branch when there is one, else the
     * remote's, else a new one from the remote's base. No working copy is made here: the branch
     * first has base merged in, then {@link #workingCopy} gives the agent its copy.
     */
    public Prepared prepare(Path clone, String project, String spec, String branch, String base, Path log) {
        Path path = home.worktree(project, spec);
        git.run(clone, log, "worktree", "prune");
        Start start;
        if (git.ok(clone, log, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch)) {
            start = Start.LOCAL_BRANCH;
        } else if (git.ok(clone, log, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/" + branch)) {
            git.out(clone, log, "branch", "--no-track", branch, "refs/remotes/origin/" + branch);
            start = Start.REMOTE_BRANCH;
        } else {
            git.out(clone, log, "branch", "--no-track", branch, "refs/remotes/origin/" + base);
            start = Start.NEW_BRANCH;
        }
        return new Prepared(path, branch, start);
    }

    /**
     * A fresh repository at {@code path} on {@code branch} as nightshift's clone has it, with the
     * clone's remote-tracking refs of {@code remoteBranches} (for a merge); whatever was at
     * {@code path} goes. Its {@code .nightshift/followups/} is made empty for the agent.
     */
    public Path workingCopy(Path clone, Path path, String branch, List<String> remoteBranches, Path log) {
        List<String> refspecs = new ArrayList<>(List.of("+refs/heads/" + branch + ":refs/heads/" + branch,
                "+refs/tags/*:refs/tags/*"));
        for (String remote : remoteBranches) {
            String ref = "refs/remotes/origin/" + remote;
            if (git.ok(clone, log, "rev-parse", "--verify", "--quiet", ref)) {
                refspecs.add("+" + ref + ":" + ref);
            }
        }
        fill(clone, path, refspecs, log);
        git.out(path, log, "checkout", "--quiet", branch);
        try {
            Files.writeString(path.resolve(".git").resolve("info").resolve("exclude"), "/.nightshift/\n",
                    StandardCharsets.UTF_8);
            Files.createDirectories(path.resolve(".nightshift").resolve("followups"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the working copy " + path, e);
        }
        return path;
    }

    /** A fresh detached checkout of one commit, for a test run; whatever was there goes. */
    public Path checkout(Path clone, String project, String name, String commit, Path log) {
        Path path = home.worktrees().resolve(project).resolve("_" + name);
        String ref = CHECKOUT_REF + project + "/" + name;
        git.out(clone, log, "update-ref", ref, commit);
        try {
            fill(clone, path, List.of("+" + ref + ":" + ref, "+refs/tags/*:refs/tags/*"), log);
        } finally {
            git.run(clone, log, "update-ref", "-d", ref);
        }
        git.out(path, log, "checkout", "--quiet", "--detach", commit);
        return path;
    }

    /** A new repository at {@code path} holding what {@code refspecs} fetch from the clone. */
    private void fill(Path clone, Path path, List<String> refspecs, Path log) {
        WorkingCopyFiles.deleteTree(path);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git.out(path, log, "init", "--quiet");
        List<String> fetch = new ArrayList<>(List.of("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--",
                clone.toAbsolutePath().toString()));
        fetch.addAll(refspecs);
        git.out(path, log, fetch.toArray(String[]::new));
    }

    /** Deletes a checkout nightshift made for one run; links in it are removed, never followed. */
    public void discard(Path checkout) {
        WorkingCopyFiles.deleteTree(checkout);
    }

    public void remove(Path clone, Path worktree, Path log) {
        if (Files.isDirectory(clone)) {
            // a worktree of the clone, as earlier versions of nightshift made them; a folder of its own is not one
            git.run(clone, log, "worktree", "remove", "--force", worktree.toString());
        }
        WorkingCopyFiles.deleteTree(worktree);
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
