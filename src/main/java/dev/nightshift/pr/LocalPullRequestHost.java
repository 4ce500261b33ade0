package dev.nightshift.pr;

import dev.nightshift.config.Home;
import dev.nightshift.config.PrSettings;
import dev.nightshift.git.Git;
import dev.nightshift.spec.ReviewFiles;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The embedded host: the branch is pushed to the repository's remote and the pull request is
 * nightshift's database row. It counts as merged once its head is an ancestor of base on the
 * remote. Nothing here can close one; the owner moves the spec to blocked/ to reject it. Its review
 * is the file {@code <spec>.review.md} the owner writes beside the spec in active/.
 */
@Component
public class LocalPullRequestHost implements PullRequestHost {

    private final PullRequestRepository pullRequests;
    private final Git git;
    private final Home home;

    @Autowired
    public LocalPullRequestHost(PullRequestRepository pullRequests, Git git, Home home) {
        this.pullRequests = pullRequests;
        this.git = git;
        this.home = home;
    }

    /** A host only asked about pull requests and their state: without a home it reads no review file. */
    public LocalPullRequestHost(PullRequestRepository pullRequests, Git git) {
        this(pullRequests, git, null);
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

    /**
     * The points of the review file not read before. A point's id is derived from what it says and
     * where, so the same file read again yields the same points.
     */
    @Override
    public ReviewRead readReview(HostProject project, PullRequest pr, Set<String> alreadyRead) {
        if (home == null) {
            return ReviewRead.nothing();
        }
        List<ReviewPoint> points = new ArrayList<>();
        for (ReviewFiles.Point point : ReviewFiles.read(reviewFile(project, pr))) {
            ReviewPoint.Kind kind = point.path() != null ? ReviewPoint.Kind.LINE : ReviewPoint.Kind.REVIEW;
            long id = idOf(point);
            if (!alreadyRead.contains(keyOf(point))) {
                points.add(new ReviewPoint(kind, id, "owner", point.path(), point.line(), null, point.text(), null));
            }
        }
        return new ReviewRead(List.copyOf(points), List.of(), List.of(), 0);
    }

    /**
     * The batch's comment holds the answers; the review file is put away with them by the queue's
     * updates after the build, on the machine that holds the home.
     */
    @Override
    public void answerReview(HostProject project, PullRequest pr, List<ReviewAnswer> answers) {
        // No threads on a local pull request.
    }

    @Override
    public void markReady(HostProject project, PullRequest pr) {
        // A local pull request has no draft state.
    }

    private Path reviewFile(HostProject project, PullRequest pr) {
        return ReviewFiles.reviewOf(home.wipSpecs().resolve(project.name()), pr.spec());
    }

    /** The point's key as the review's records keep it ({@code KIND:id}). */
    public static String keyOf(ReviewFiles.Point point) {
        return (point.path() != null ? ReviewPoint.Kind.LINE : ReviewPoint.Kind.REVIEW).name() + ":" + idOf(point);
    }

    static long idOf(ReviewFiles.Point point) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((point.path() + ":" + point.line() + ":"
                    + point.text()).getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 7; i++) {
                id = (id << 8) | (digest[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
