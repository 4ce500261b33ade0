package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where pull requests live. nightshift keeps its own row for every pull request it opened; the
 * host is asked to open, add to and report on them.
 */
public interface PullRequestHost {

    PrSettings.Host kind();

    /** The host's pull request for {@code branch}, whatever its state, if there is one. */
    Optional<HostPullRequest> find(HostProject project, String branch);

    HostPullRequest open(HostProject project, String branch, String title, String body);

    void updateBody(HostProject project, PullRequest pr, String body);

    void comment(HostProject project, PullRequest pr, String text);

    /** Open, merged, or closed without merge. */
    PullRequestState state(HostProject project, PullRequest pr);

    /**
     * What was written on the pull request that nightshift has not read before; only the words of
     * those {@code pr.review-from} names reach the points.
     *
     * @param alreadyRead "KIND:id" of every item read before, e.g. "LINE:42"
     */
    ReviewRead readReview(HostProject project, PullRequest pr, Set<String> alreadyRead);

    /**
     * nightshift's answer to the owner's review, after the batch's comment (the summary) was
     * posted: where the host has threads, a reply in each answered line comment's thread.
     */
    void answerReview(HostProject project, PullRequest pr, List<ReviewAnswer> answers);

    /** Every task is done and the gate passed: a draft pull request becomes ready for review. */
    void markReady(HostProject project, PullRequest pr);
}
