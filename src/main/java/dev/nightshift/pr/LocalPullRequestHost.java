package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import dev.nightshift.git.Git;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The embedded host: the branch is pushed to the repository's remote and the pull request is
 * nightshift's database row. It counts as merged once its head is an ancestor of base on the
 * remote. Nothing here can close one; the owner moves the spec to blocked/ to reject it.
 */
@Component
public class LocalPullRequestHost implements PullRequestHost {

    private final PullRequestRepository pullRequests;
    private final Git git;

    public LocalPullRequestHost(PullRequestRepository pullRequests, Git git) {
        this.pullRequests = pullRequests;
        this.git = git;
    }

    @Override
    public PrSettings.Host kind() {
        return PrSettings.Host.LOCAL;
    }

    @Override
    public Optional<HostPullRequest> find(HostProject project, String branch) {
        return pullRequests.all().stream()
                .filter(pr -> pr.project().equals(project.name()) && pr.branch().equals(branch) && "local".equals(pr.host()))
                .reduce((first, second) -> second)
                .map(pr -> new HostPullRequest(pr.number(), pr.url(), pr.state()));
    }

    @Override
    public HostPullRequest open(HostProject project, String branch, String title, String body) {
        int number = pullRequests.nextLocalNumber(project.name());
        return new HostPullRequest(number, "local:" + project.name() + "#" + number, PullRequestState.OPEN);
    }

    @Override
    public void updateBody(HostProject project, PullRequest pr, String body) {
        // The body lives in nightshift's row, which the caller updates.
    }

    @Override
    public void comment(HostProject project, PullRequest pr, String text) {
        // Comments live in nightshift's pull_request_updates rows, which the caller writes.
    }

    @Override
    public PullRequestState state(HostProject project, PullRequest pr) {
        if (pr.headSha() == null) {
            return PullRequestState.OPEN;
        }
        boolean merged = git.ok(project.repository(), project.gitLog(), "merge-base", "--is-ancestor", pr.headSha(),
                "refs/remotes/origin/" + project.settings().base());
        return merged ? PullRequestState.MERGED : PullRequestState.OPEN;
    }
}
