package dev.nightshift.build;

import dev.nightshift.git.Git;
import dev.nightshift.git.Worktrees;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.HostPullRequest;
import dev.nightshift.pr.PullRequestHost;
import dev.nightshift.spec.Spec;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Did the owner reject this spec's pull request? A pull request closed without merge means no:
 * the spec is not worked on and no pull request is opened for it again, even when the owner moves
 * it back, until the owner deletes the branch on the remote (the work starts afresh from base) or
 * writes {@code reopen: true} in its front matter (the work continues on the branch, in a new
 * pull request).
 */
@Component
public class ClosedPullRequests {

    /** What may happen to a spec whose latest pull request was closed. */
    public enum Verdict {
        /** Its latest pull request is not closed without merge (or it has none): nothing to decide. */
        NOT_CLOSED,
        /** Closed, and the owner has not said otherwise: blocked, never opened again. */
        REJECTED,
        /** Closed, and the spec says {@code reopen: true}: continue on the branch, a new pull request. */
        REOPENED,
        /** Closed, and the owner deleted the branch: start afresh from base, a new pull request. */
        AFRESH
    }

    /** The verdict, the closed pull request's number and address, and the reason for the owner. */
    public record Decision(Verdict verdict, Integer number, String url, String reason) {
    }

    private final PullRequestRepository pullRequests;
    private final Git git;
    private final Worktrees worktrees;

    public ClosedPullRequests(PullRequestRepository pullRequests, Git git, Worktrees worktrees) {
        this.pullRequests = pullRequests;
        this.git = git;
        this.worktrees = worktrees;
    }

    /** Asked with nightshift's clone freshly fetched, so its remote refs are the remote's branches. */
    public Decision decide(Spec spec, PullRequestHost host, HostProject project) {
        Optional<PullRequest> latest = pullRequests.latestForSpec(spec.project(), spec.name());
        Optional<HostPullRequest> closed;
        if (latest.isPresent()) {
            closed = latest.filter(pr -> pr.state() == PullRequestState.CLOSED)
                    .map(pr -> new HostPullRequest(pr.number(), pr.url(), pr.state()));
        } else {
            // nightshift's records may be gone (a new database); the host still remembers.
            closed = host.find(project, spec.branch()).filter(pr -> pr.state() == PullRequestState.CLOSED);
        }
        if (closed.isEmpty()) {
            return new Decision(Verdict.NOT_CLOSED, null, null, null);
        }
        HostPullRequest pr = closed.get();
        if (spec.meta().reopen()) {
            return new Decision(Verdict.REOPENED, pr.number(), pr.url(), "PR #" + pr.number()
                    + " was closed without merge; the spec says reopen: true, so work goes on in a new pull request");
        }
        if (!branchOnRemote(project.repository(), spec.branch(), project.gitLog())) {
            return new Decision(Verdict.AFRESH, pr.number(), pr.url(), "PR #" + pr.number()
                    + " was closed without merge and its branch was deleted: starting afresh from base");
        }
        return new Decision(Verdict.REJECTED, pr.number(), pr.url(), rejection(pr.number(), pr.url(), spec.branch()));
    }

    /** Why a spec whose pull request was closed is not worked on, and what the owner can do. */
    public static String rejection(int number, String url, String branch) {
        return "PR #" + number + " (" + url + ") was closed without merge: the owner rejected it. nightshift will not"
                + " open it again; delete the branch " + branch + " on the remote to start afresh, or write"
                + " `reopen: true` in the spec's front matter to continue the branch in a new pull request.";
    }

    private boolean branchOnRemote(Path clone, String branch, Path gitLog) {
        return git.ok(clone, gitLog, "rev-parse", "--verify", "--quiet", BranchWork.remote(branch));
    }

    /**
     * Starting afresh: the worktree goes, and the old local branch is kept aside as
     * {@code nightshift-closed/<spec>-pr<n>} so the next worktree is made from base.
     */
    public void setAside(Path clone, Path worktreePath, Spec spec, int number, Path gitLog) {
        worktrees.remove(clone, worktreePath, gitLog);
        if (git.ok(clone, gitLog, "rev-parse", "--verify", "--quiet", "refs/heads/" + spec.branch())) {
            git.out(clone, gitLog, "branch", "-M", spec.branch(), "nightshift-closed/" + spec.name() + "-pr" + number);
        }
    }
}
