package dev.nightshift.order;

/**
 * What the build does about the spec's pull request, decided once by the supervisor from the
 * closed pull request rule and nightshift's records; the build only carries it out. A spec whose
 * pull request the owner rejected is never ordered at all.
 */
public enum PrIntent {
    /** The spec has no pull request yet: a passing gate opens one. */
    NEW,
    /** The spec has an open pull request: its branch is continued and the pull request added to. */
    CONTINUE,
    /**
     * The pull request was closed without merge and the owner deleted its branch: the old local
     * branch is set aside and the work starts afresh from base, in a new pull request.
     */
    AFRESH,
    /**
     * The pull request was closed without merge and the spec says {@code reopen: true}: the work
     * goes on on the branch, in a new pull request.
     */
    REOPEN,
    /**
     * The owner reviewed the open pull request and asked for changes: the build addresses the
     * review points the order carries, and only them, on the same branch and pull request; no
     * task is ticked, and the batch's comment answers point by point.
     */
    ADDRESS_REVIEW
}
