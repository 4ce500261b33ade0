package dev.nightshift.store;

/**
 * A kind of trouble the supervisor names at the start of a batch, from the last batches. Each risk
 * is stored with its reason; the report puts those the owner must act on in "Needs you".
 */
public enum RiskKind {
    /** A spec failed its last two or more batches in a row: the spec or the project may need a human. */
    REPEATED_FAILURE(false),
    /** The latest integration run of base failed: no new agent work on that project until it is green. */
    RED_BASE(true),
    /** A project has {@code max-open-prs} open pull requests: no new spec starts there until some are merged. */
    PR_LIMIT(true),
    /** Today's or this month's spend is past 75% of its budget. */
    BUDGET(true),
    /** A production health check was down or timed out in the latest batch that checked it. */
    HEALTH_FAILING(true),
    /** Agent runs of a project timed out in the last batches: the tasks may be too big for the limit. */
    AGENT_TIMEOUTS(false),
    /** Less than 1 GiB is free on the disk of the home: clones, logs and the database may fail. */
    LOW_DISK(true),
    /**
     * {@code agent.command} cannot be started (not on PATH, not an executable file): no project
     * gets agent work until the owner installs it or names it.
     */
    AGENT_COMMAND(true);

    private final boolean needsOwner;

    RiskKind(boolean needsOwner) {
        this.needsOwner = needsOwner;
    }

    /** Whether only the owner can clear it (it goes into the report's "Needs you"). */
    public boolean needsOwner() {
        return needsOwner;
    }
}
