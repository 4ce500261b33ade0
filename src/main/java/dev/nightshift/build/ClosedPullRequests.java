package dev.nightshift.build;

import dev.nightshift.git.Git;
import dev.nightshift.git.Worktrees;
import dev.nightshift.pr.ClosedPullRequestRule;
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
 * The facts the closed pull request rule needs at build time ({@link ClosedPullRequestRule}):
 * the spec's latest pull request (from nightshift's records, else from the host), and whether its
 * branch is still on the remote; and, when the work starts afresh, putting the old branch aside.
 */
@Component
public class ClosedPullRequests {

    private final PullRequestRepository pullRequests;
    private final Git git;
    private final Worktrees worktrees;

    public ClosedPullRequests(PullRequestRepository pullRequests, Git git, Worktrees worktrees) {
        this.pullRequests = pullRequests;
        this.git = git;
        this.worktrees = worktrees;
    }

    /** Asked with nightshift's clone freshly fetched, so its remote refs are the remote's branches. */
    public ClosedPullRequestRule.Decision decide(Spec spec, PullRequestHost host, HostProject project) {
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
            return ClosedPullRequestRule.notClosed();
        }
        HostPullRequest pr = closed.get();
        return ClosedPullRequestRule.closed(pr.number(), pr.url(), spec.meta().reopen(),
                () -> branchOnRemote(project.repository(), spec.branch(), project.gitLog()));
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
