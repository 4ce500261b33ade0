package dev.nightshift.pr;

/** What the owner's latest review of a pull request decided, apart from the points it made. */
public enum ReviewDecision {
    /** A review with state {@code APPROVED}: the owner would merge it as it is. */
    APPROVED,
    /** A review with state {@code CHANGES_REQUESTED}: the owner wants changes before merging. */
    CHANGES_REQUESTED
}
