package dev.nightshift.store;

/** What the build phase made of one project's planned spec. */
public enum BuildOutcome {
    /** The gate passed; the branch was pushed and a new pull request opened. */
    PR_OPENED,
    /** The gate passed; the branch was pushed and its existing pull request added to. */
    PR_UPDATED,
    /** The test gate failed after every fix attempt; nothing was pushed. */
    TESTS_FAILED,
    /** The agent's change broke a guard (paths, deletions, secrets); held for a human in blocked/. */
    GUARD_HELD,
    /** The agent exited with an error or reported one; nothing was pushed. */
    AGENT_FAILED,
    /** The agent or the phase ran out of time; work so far kept on the local branch, nothing pushed. */
    TIMED_OUT,
    /** Merging the latest base into the branch conflicted and could not be resolved; spec to blocked/. */
    CONFLICT,
    /** The budget was used up to its stop share; the agent was not started. */
    BUDGET_STOPPED,
    /** Not attempted: a dry run, the owner's pause, or a spec whose pull request the owner closed (to blocked/). */
    SKIPPED,
    /** nightshift could not do its own part (clone, push, the pull request host). */
    FAILED;

    public boolean succeeded() {
        return this == PR_OPENED || this == PR_UPDATED;
    }

    /** Counts as "failed" in the report subject and makes the batch exit 1. */
    public boolean failed() {
        return switch (this) {
            case TESTS_FAILED, GUARD_HELD, AGENT_FAILED, TIMED_OUT, CONFLICT, FAILED -> true;
            default -> false;
        };
    }

    /** The words the report and status use. */
    public String label() {
        return switch (this) {
            case PR_OPENED -> "PR opened";
            case PR_UPDATED -> "PR updated";
            case TESTS_FAILED -> "tests failed";
            case GUARD_HELD -> "held by a guard";
            case AGENT_FAILED -> "agent failed";
            case TIMED_OUT -> "timed out";
            case CONFLICT -> "merge conflict";
            case BUDGET_STOPPED -> "budget reached";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
        };
    }
}
