package dev.nightshift.store;

/** How one of the five phases ended; every value goes on to the next phase. */
public enum PhaseOutcome {
    /** The phase did its work, whatever its projects' outcomes. */
    COMPLETED,
    /** The phase itself broke (an error in nightshift or its environment); recorded with the reason. */
    FAILED,
    /** The phase reached its hard limit; its processes were killed. */
    TIMED_OUT,
    /** The phase had nothing to do or was not run (dry run, idle batch). */
    SKIPPED;

    public boolean isProblem() {
        return this == FAILED || this == TIMED_OUT;
    }
}
