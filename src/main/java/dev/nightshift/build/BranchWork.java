package dev.nightshift.build;

import dev.nightshift.exec.ProcessResult;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the build does with git on a spec's branch, always in nightshift's own clone and never in a
 * folder the agent worked in: bring base in, measure what is unpublished, push one commit by id.
 */
@Component
class BranchWork {

    /**
     * The result of merging one ref into the spec's branch.
     *
     * @param ref       on a conflict, the ref whose merge conflicted; the branch was left as it was
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
     * Merges what others pushed to the branch, then the latest base, into the branch of the clone
     * (no checkout: {@code git merge-tree}). On a conflict the branch stays where it was, for
     * {@link MergeConflicts} to offer the merge to the agent.
     */
    public Merge mergeLatest(Path clone, String branch, String base, Path log) {
        for (String ref : List.of(remote(branch), remote(base))) {
            if (!git.ok(clone, log, "rev-parse", "--verify", "--quiet", ref)) {
                continue;
            }
            String tip = tip(clone, branch, log);
            if (isAncestor(clone, ref, tip, log)) {
                continue;
            }
            ProcessResult merged = git.run(clone, log, "merge-tree", "--write-tree", "--no-messages", "--name-only",
                    tip, ref);
            List<String> lines = merged.stdout().lines().map(String::strip).toList();
            String tree = lines.isEmpty() ? "" : lines.get(0);
            if (merged.exitCode() == 0 && tree.matches("[0-9a-f]{40,64}")) {
                mergeCommit(clone, branch, tree, tip, ref, log);
            } else if (merged.exitCode() == 1 && tree.matches("[0-9a-f]{40,64}")) {
                List<String> files = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isEmpty()) {
                        break;
                    }
                    if (!files.contains(line)) {
                        files.add(line);
                    }
                }
                return new Merge(false, ref, files);
            } else {
                return new Merge(false, ref, List.of());
            }
        }
        return Merge.done();
    }

    private void mergeCommit(Path clone, String branch, String tree, String tip, String ref, Path log) {
        String theirs = git.out(clone, log, "rev-parse", ref);
        String commit = git.out(clone, log, "commit-tree", tree, "-p", tip, "-p", theirs, "-m",
                "Merge " + ref.replace("refs/remotes/", "") + " into " + branch);
        git.out(clone, log, "update-ref", "refs/heads/" + branch, commit, tip);
    }

    public String tip(Path clone, String branch, Path log) {
        return git.out(clone, log, "rev-parse", "--verify", "refs/heads/" + branch + "^{commit}");
    }

    /** Puts the spec's branch back to {@code commit} (after a held change). */
    public void reset(Path clone, String branch, String commit, Path log) {
        git.out(clone, log, "update-ref", "refs/heads/" + branch, commit);
    }

    /**
     * The last published state of the branch: the remote branch when there is one, else where it
     * left base. Everything after it is this and earlier batches' unpublished work.
     */
    public String publishedPoint(Path clone, String branch, String base, Path log) {
        if (git.ok(clone, log, "rev-parse", "--verify", "--quiet", remote(branch))) {
            return git.out(clone, log, "rev-parse", remote(branch));
        }
        return git.out(clone, log, "merge-base", "refs/heads/" + branch, remote(base));
    }

    /**
     * The tree the agent's work is measured against: what was published, with the latest base
     * merged in. A diff against it shows the unpublished work and nothing that came from base.
     */
    public String publishedTree(Path clone, String branch, String base, Path log) {
        if (!git.ok(clone, log, "rev-parse", "--verify", "--quiet", remote(branch))) {
            return git.out(clone, log, "rev-parse", remote(base) + "^{tree}");
        }
        ProcessResult merged = git.run(clone, log, "merge-tree", "--write-tree", "--no-messages",
                remote(branch), remote(base));
        String first = merged.stdout().lines().findFirst().orElse("").strip();
        if (merged.exitCode() <= 1 && first.matches("[0-9a-f]{40,64}")) {
            return first;
        }
        return git.out(clone, log, "rev-parse", remote(branch) + "^{tree}");
    }

    public boolean isAncestor(Path clone, String ancestor, String of, Path log) {
        return git.ok(clone, log, "merge-base", "--is-ancestor", ancestor, of);
    }

    /** One line per commit up to {@code head} that is not yet on the remote: what this publish adds. */
    public List<String> unpublishedSubjects(Path clone, String since, String head, Path log) {
        return git.run(clone, log, "log", "--no-merges", "--format=%h %s", since + ".." + head).stdout()
                .lines().filter(l -> !l.isBlank()).limit(30).toList();
    }

    /**
     * Pushes exactly {@code commit}, the one the gate tested, to the branch; never forced, so a
     * branch someone else moved is not overwritten. No hook runs.
     */
    public void push(Path clone, String commit, String branch, Path log) {
        ProcessResult pushed = git.run(clone, log, "push", "--no-verify", "--porcelain", "origin",
                commit + ":refs/heads/" + branch);
        if (!pushed.succeeded()) {
            throw new GitException(PushRefusal.describe(branch, pushed.stdout() + "\n" + pushed.tail()));
        }
    }

    public String recentLog(Path clone, String branch, Path log) {
        return git.run(clone, log, "log", "--oneline", "--no-decorate", "-15", "refs/heads/" + branch).stdout().strip();
    }

    static String remote(String branch) {
        return "refs/remotes/origin/" + branch;
    }
}
