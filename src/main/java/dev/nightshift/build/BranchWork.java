package dev.nightshift.build;

import dev.nightshift.exec.ProcessResult;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the build does with git on a spec's branch: bring base in, keep work, publish it. */
@Component
public class BranchWork {

    /**
     * The result of bringing the latest base (and the remote branch) into the spec's branch.
     *
     * @param ref       on a conflict, the ref whose merge conflicted; the worktree is left mid-merge
     * @param conflicts the files in conflict
     */
    public record Merge(boolean clean, String ref, List<String> conflicts) {
        static Merge done() {
            return new Merge(true, null, List.of());
        }
    }

    private final Git git;

    public BranchWork(Git git) {
        this.git = git;
    }

    /**
     * Merges what others pushed to the branch, then the latest base. On a conflict the merge is
     * left unfinished, for {@link MergeConflicts} to offer to the agent or abort.
     */
    public Merge mergeLatest(Path worktree, String branch, String base, Path log) {
        for (String ref : List.of(remote(branch), remote(base))) {
            if (!git.ok(worktree, log, "rev-parse", "--verify", "--quiet", ref)) {
                continue;
            }
            ProcessResult merge = git.run(worktree, log, "merge", "--no-edit", "--no-ff", ref);
            if (!merge.succeeded()) {
                return new Merge(false, ref, unmerged(worktree, log));
            }
        }
        return Merge.done();
    }

    public List<String> unmerged(Path worktree, Path log) {
        return git.run(worktree, log, "-c", "core.quotepath=off", "diff", "--name-only", "--diff-filter=U").stdout()
                .lines().filter(l -> !l.isBlank()).toList();
    }

    public boolean merging(Path worktree, Path log) {
        return git.ok(worktree, log, "rev-parse", "--verify", "--quiet", "MERGE_HEAD");
    }

    /** Ends an unfinished merge and puts the branch back where it was. */
    public void abortMerge(Path worktree, String before, Path log) {
        git.run(worktree, log, "merge", "--abort");
        git.out(worktree, log, "reset", "--hard", "--quiet", before);
    }

    /** Concludes a merge whose conflicts were resolved and staged. */
    public void concludeMerge(Path worktree, Path log) {
        git.out(worktree, log, "commit", "--no-verify", "--no-edit", "--quiet");
    }

    /**
     * Stages everything the agent left, except {@code .nightshift/}: the clone's info/exclude keeps
     * it out of {@code git add}, and anything the agent force-added is taken out again here.
     */
    public void stageWork(Path worktree, Path log) {
        git.out(worktree, log, "add", "--all");
        git.out(worktree, log, "reset", "--quiet", "HEAD", "--", ".nightshift");
    }

    /** Commits what is staged; returns false when nothing was. */
    public boolean commitStaged(Path worktree, String message, Path log) {
        if (git.ok(worktree, log, "diff", "--cached", "--quiet")) {
            return false;
        }
        git.out(worktree, log, "commit", "--no-verify", "--quiet", "-m", message);
        return true;
    }

    /** Stages and commits whatever the agent left uncommitted; false when there was nothing. */
    public boolean commitAll(Path worktree, String message, Path log) {
        stageWork(worktree, log);
        return commitStaged(worktree, message, log);
    }

    public String head(Path worktree, Path log) {
        return git.out(worktree, log, "rev-parse", "HEAD");
    }

    public int commitsAhead(Path worktree, String base, Path log) {
        return Integer.parseInt(git.out(worktree, log, "rev-list", "--count", remote(base) + "..HEAD"));
    }

    /**
     * The last published state of the branch: the remote branch when there is one, else where it
     * left base. Everything after it is this and earlier batches' unpublished work.
     */
    public String publishedPoint(Path worktree, String branch, String base, Path log) {
        if (git.ok(worktree, log, "rev-parse", "--verify", "--quiet", remote(branch))) {
            return git.out(worktree, log, "rev-parse", remote(branch));
        }
        return git.out(worktree, log, "merge-base", "HEAD", remote(base));
    }

    /**
     * The tree the agent's work is measured against: what was published, with the latest base
     * merged in. A diff against it shows the unpublished work and nothing that came from base.
     */
    public String publishedTree(Path worktree, String branch, String base, Path log) {
        if (!git.ok(worktree, log, "rev-parse", "--verify", "--quiet", remote(branch))) {
            return git.out(worktree, log, "rev-parse", remote(base) + "^{tree}");
        }
        ProcessResult merged = git.run(worktree, log, "merge-tree", "--write-tree", "--no-messages",
                remote(branch), remote(base));
        String first = merged.stdout().lines().findFirst().orElse("").strip();
        if (merged.exitCode() <= 1 && first.matches("[0-9a-f]{40,64}")) {
            return first;
        }
        return git.out(worktree, log, "rev-parse", remote(branch) + "^{tree}");
    }

    public boolean isAncestor(Path worktree, String ancestor, String of, Path log) {
        return git.ok(worktree, log, "merge-base", "--is-ancestor", ancestor, of);
    }

    /** One line per commit that is not yet on the remote: what this publish adds. */
    public List<String> unpublishedSubjects(Path worktree, String since, Path log) {
        return git.run(worktree, log, "log", "--no-merges", "--format=%h %s", since + "..HEAD").stdout()
                .lines().filter(l -> !l.isBlank()).limit(30).toList();
    }

    /**
     * Pushes the branch; never forced, so a branch someone else moved is not overwritten. No hook
     * runs: a pre-push hook is code the agent could have written.
     */
    public void push(Path worktree, String branch, Path log) {
        ProcessResult pushed = git.run(worktree, log, "push", "--no-verify", "--porcelain", "origin",
                "HEAD:refs/heads/" + branch);
        if (!pushed.succeeded()) {
            throw new GitException(PushRefusal.describe(branch, pushed.stdout() + "\n" + pushed.tail()));
        }
    }

    public String recentLog(Path worktree, Path log) {
        return git.run(worktree, log, "log", "--oneline", "--no-decorate", "-15").stdout().strip();
    }

    /** The agent's progress note, read and then cleared so that the next run starts without it. */
    public String takeNote(Path worktree) {
        Path note = worktree.resolve(".nightshift").resolve("note.md");
        try {
            if (!Files.isRegularFile(note)) {
                return null;
            }
            String text = Files.readString(note, StandardCharsets.UTF_8).strip();
            Files.delete(note);
            return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
        } catch (IOException e) {
            return null;
        }
    }

    static String remote(String branch) {
        return "refs/remotes/origin/" + branch;
    }
}
