package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.util.Optional;

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
}
