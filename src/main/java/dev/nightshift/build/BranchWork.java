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

    /** The result of bringing the latest base (and the remote branch) into the spec's branch. */
    public record Merge(boolean clean, List<String> conflicts) {
    }

    private final Git git;

    public BranchWork(Git git) {
        this.git = git;
    }

    /**
     * Merges what others pushed to the branch, then the latest base. On a conflict the merge is
     * aborted (the branch stays as it was) and the conflicting files are named.
     */
    public Merge mergeLatest(Path worktree, String branch, String base, Path log) {
        for (String ref : List.of("refs/remotes/origin/" + branch, "refs/remotes/origin/" + base)) {
            if (!git.ok(worktree, log, "rev-parse", "--verify", "--quiet", ref)) {
                continue;
            }
            ProcessResult merge = git.run(worktree, log, "merge", "--no-edit", "--no-ff", ref);
            if (!merge.succeeded()) {
                List<String> conflicts = git.run(worktree, log, "diff", "--name-only", "--diff-filter=U").stdout()
                        .lines().filter(l -> !l.isBlank()).toList();
                git.run(worktree, log, "merge", "--abort");
                return new Merge(false, conflicts.isEmpty() ? List.of("(git could not merge " + ref + ")") : conflicts);
            }
        }
        return new Merge(true, List.of());
    }

    /**
     * Commits whatever the agent left uncommitted; .nightshift/ is kept out by the clone's
     * info/exclude. Returns false when there was nothing to commit.
     */
    public boolean commitAll(Path worktree, String message, Path log) {
        git.out(worktree, log, "add", "--all");
        if (git.ok(worktree, log, "diff", "--cached", "--quiet")) {
            return false;
        }
        git.out(worktree, log, "commit", "--no-verify", "--quiet", "-m", message);
        return true;
    }

    public String head(Path worktree, Path log) {
        return git.out(worktree, log, "rev-parse", "HEAD");
    }

    public int commitsAhead(Path worktree, String base, Path log) {
        return Integer.parseInt(git.out(worktree, log, "rev-list", "--count", "refs/remotes/origin/" + base + "..HEAD"));
    }

    /** Pushes the branch; never forced, so a branch someone else moved is not overwritten. */
    public void push(Path worktree, String branch, Path log) {
        ProcessResult pushed = git.run(worktree, log, "push", "--porcelain", "origin", "HEAD:refs/heads/" + branch);
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
}
