package dev.nightshift.store;

/** Where a pull request stands on its host. */
public enum PullRequestState {
    OPEN,
    /** Merged into base: the spec is done. */
    MERGED,
    /** Closed without merge: the owner rejected it; never reopened by nightshift. */
    CLOSED
}
