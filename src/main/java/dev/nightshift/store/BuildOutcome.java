package dev.nightshift.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /**
     * The test command exited 0 on the spec's branch, but nothing it wrote or printed could be
     * counted, so nothing shows that tests ran; nothing was pushed. The setup's problem (a runner
     * nightshift does not read, no {@code test-reports:}), never the spec's.
     */
    TESTS_NOT_COUNTED,
    /** The agent exited with an error or reported one; nothing was pushed. */
    AGENT_FAILED,
    /**
     * The agent's service refused its credentials (HTTP 401/403, an invalid or revoked key); nothing
     * was pushed. The setup's problem, named under "Needs you" with what to fix, never the spec's.
     */
    AGENT_REFUSED,
    /**
     * The agent's service was down, overloaded or limiting its rate (5xx, 529, 429); nothing was
     * pushed. Not the spec's failure: the next batch tries again.
     */
    AGENT_UNAVAILABLE,
    /** The agent or the phase ran out of time; work so far kept on the local branch, nothing pushed. */
    TIMED_OUT,
    /** Merging the latest base into the branch conflicted and could not be resolved; spec to blocked/. */
    CONFLICT,
    /** The budget was used up to its stop share; the agent was not started. */
    BUDGET_STOPPED,
    /** Not attempted: a dry run, the owner's pause, or a spec whose pull request the owner closed (to blocked/). */
    SKIPPED,
    /**
     * nightshift could not do its own part, or the setup did not let it: clone, push, the pull
     * request host, an agent command that could not be started (or could not start its program),
     * a test command that fails on base before any change (no agent runs then).
     */
    FAILED,
    /**
     * Not started: more projects were ready than the build phase's time could serve, and the
     * phase ended before this one's turn. It goes before those built since, in the next batch.
     */
    WAITED,
    /**
     * nightshift was told to stop (SIGTERM) while it worked on the spec; the work was kept on the
     * local branch, where the next batch starts. Not the spec's failure, not a timeout.
     */
    STOPPED;

    /**
     * The opening words of the reason a build gives when nightshift's own settings or state
     * changed while the agent or its tests ran (held as {@link #GUARD_HELD}); the report names
     * such a hold before anything else.
     */
    public static final String HOME_CHANGED = "nightshift's settings or state changed while the agent or its tests ran";

    /**
     * How an outcome weighs in the spec's failure streak, the count behind {@code build.max-attempts}
     * and the "failing again and again" risk. Only the spec's own failures count: what the agent
     * made of it (tests failed, the agent failed or timed out, a guard held its change) and a
     * branch that cannot take base (a conflict). Guard holds and conflicts move the spec to
     * blocked/ anyway, and a move starts the count afresh. A success ends the streak. Everything
     * else says nothing about the spec and is skipped over: a dry run or a closed pull request
     * (skipped), the budget (also a run cut short by the budget cap nightshift passed), nightshift's
     * own or the setup's trouble (failed: an unreachable remote, a missing repository or agent
     * command, a test command that fails on base or cannot be counted there; tests not counted on
     * the branch; credentials the agent's service refused), the service down and a stop (stopped).
     */
    public enum Streak {
        /** The spec's own failure: one more in the streak. */
        COUNTS,
        /** A success: the streak ends here. */
        ENDS,
        /** Neither: skipped over, as if the batch had not touched the spec. */
        NEUTRAL
    }

    public Streak streak() {
        return switch (this) {
            case TESTS_FAILED, AGENT_FAILED, TIMED_OUT, GUARD_HELD, CONFLICT -> Streak.COUNTS;
            case PR_OPENED, PR_UPDATED -> Streak.ENDS;
            case BUDGET_STOPPED, SKIPPED, WAITED, FAILED, STOPPED, TESTS_NOT_COUNTED, AGENT_REFUSED, AGENT_UNAVAILABLE ->
                    Streak.NEUTRAL;
        };
    }

    /** Whether this outcome is one more of the spec's failures in a row (see {@link Streak}). */
    public boolean countsAgainstSpec() {
        return streak() == Streak.COUNTS;
    }

    /** The outcomes that say something about the spec: those a streak is read from. */
    public static List<BuildOutcome> weighed() {
        return Arrays.stream(values()).filter(o -> o.streak() != Streak.NEUTRAL).toList();
    }

    /**
     * The spec's current streak of failures, newest first, read from its outcomes newest first:
     * neutral outcomes are skipped over, the first success ends it.
     */
    public static List<BuildOutcome> streakOf(List<BuildOutcome> newestFirst) {
        List<BuildOutcome> streak = new ArrayList<>();
        for (BuildOutcome outcome : newestFirst) {
            if (outcome.streak() == Streak.ENDS) {
                break;
            }
            if (outcome.streak() == Streak.COUNTS) {
                streak.add(outcome);
            }
        }
        return streak;
    }

    /**
     * Whether the project had its turn in the build: everything but a spec not attempted
     * (skipped) and a project that waited. Which project goes first is read from this.
     */
    public boolean hadTurn() {
        return this != SKIPPED && this != WAITED;
    }

    public boolean succeeded() {
        return this == PR_OPENED || this == PR_UPDATED;
    }

    /** Counts as "failed" in the report subject and makes the batch exit 1. */
    public boolean failed() {
        return switch (this) {
            case TESTS_FAILED, GUARD_HELD, AGENT_FAILED, TIMED_OUT, CONFLICT, FAILED, TESTS_NOT_COUNTED, AGENT_REFUSED,
                 AGENT_UNAVAILABLE -> true;
            default -> false;
        };
    }

    /** The setup's problem, which status lists for the owner to fix: nothing about the spec would help. */
    public boolean setupProblem() {
        return this == FAILED || this == AGENT_REFUSED || this == TESTS_NOT_COUNTED;
    }

    /** The words the report and status use. */
    public String label() {
        return switch (this) {
            case PR_OPENED -> "PR opened";
            case PR_UPDATED -> "PR updated";
            case TESTS_FAILED -> "tests failed";
            case GUARD_HELD -> "held by a guard";
            case TESTS_NOT_COUNTED -> "tests not counted";
            case AGENT_FAILED -> "agent failed";
            case AGENT_REFUSED -> "agent's key refused";
            case AGENT_UNAVAILABLE -> "agent's service unavailable";
            case TIMED_OUT -> "timed out";
            case CONFLICT -> "merge conflict";
            case BUDGET_STOPPED -> "budget reached";
            case SKIPPED -> "skipped";
            case WAITED -> "waited";
            case FAILED -> "failed";
            case STOPPED -> "stopped";
        };
    }
}
