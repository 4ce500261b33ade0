package dev.nightshift.store;

/** How a batch as a whole ended. */
public enum BatchStatus {
    /** Started and not yet ended (or its process died: see {@link #CRASHED}). */
    RUNNING,
    /** Ran, and nothing failed or timed out. Exit code 0. */
    SUCCEEDED,
    /** Ran, and a phase or a project failed or timed out. Exit code 1. */
    FAILED,
    /** Nothing queued or active anywhere: no phase ran, no agent, no tokens. Exit code 0. */
    IDLE,
    /** {@code wip-specs/PAUSE} exists: no agent work. Exit code 0. */
    PAUSED,
    /** Its process died; a later batch found it and recovered. */
    CRASHED,
    /** nightshift was told to stop (SIGTERM, SIGINT) while it ran: processes ended, later phases skipped. */
    STOPPED;

    public boolean didWork() {
        return this == SUCCEEDED || this == FAILED || this == STOPPED;
    }
}
