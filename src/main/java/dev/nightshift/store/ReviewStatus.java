package dev.nightshift.store;

/** What came of the supervisor agent's advisory review of a batch. */
public enum ReviewStatus {
    /** The agent wrote a review; the report quotes it. */
    WRITTEN,
    /** The agent failed or wrote nothing; the text says why. */
    FAILED,
    /** The agent ran out of time (its limit, or what was left of the supervisor phase). */
    TIMED_OUT,
    /** The budget was reached: the review was not started. */
    BUDGET_STOPPED,
    /** nightshift was told to stop (SIGTERM) before the review was written. */
    STOPPED
}
