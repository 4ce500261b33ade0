package dev.nightshift.build;

import dev.nightshift.store.BuildOutcome;

/**
 * What a step came to: go on to the next step, or stop the build with an outcome and its detail.
 *
 * @param outcome   {@code null} to go on; else the build's outcome
 * @param detail    the outcome's detail for the report, or {@code null}
 * @param journal   whether the outcome is written in wip.md (a run of the agent's, or its end)
 * @param published what publishing did, when the step published
 */
record StepResult(BuildOutcome outcome, String detail, boolean journal, PullRequestReuse.Published published) {

    private static final StepResult NEXT = new StepResult(null, null, false, null);

    /** Go on to the next step. */
    static StepResult next() {
        return NEXT;
    }

    /** Stop the build: nothing of the agent's ran, or what ran is not the spec's to answer for; no journal entry. */
    static StepResult stop(BuildOutcome outcome, String detail) {
        return new StepResult(outcome, detail, false, null);
    }

    /** Stop the build, and write the outcome in wip.md. */
    static StepResult journalled(BuildOutcome outcome, String detail) {
        return new StepResult(outcome, detail, true, null);
    }

    /** The work was published: the build ends with the pull request's outcome. */
    static StepResult published(PullRequestReuse.Published published) {
        return new StepResult(published.opened() ? BuildOutcome.PR_OPENED : BuildOutcome.PR_UPDATED, null, true,
                published);
    }

    boolean stops() {
        return outcome != null;
    }
}
