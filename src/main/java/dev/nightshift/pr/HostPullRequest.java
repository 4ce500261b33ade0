package dev.nightshift.pr;

import dev.nightshift.store.PullRequestState;

/** A pull request as its host describes it. */
public record HostPullRequest(int number, String url, PullRequestState state) {
}
