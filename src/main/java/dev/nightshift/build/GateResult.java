package dev.nightshift.build;

import dev.nightshift.store.BuildOutcome;

/**
 * What the test gate decided.
 *
 * @param testsRun {@code null} when the run left no count nightshift could read
 * @param reason   why it failed, in a sentence; {@code null} when it passed
 * @param tail     the end of the failing output, for the report and a fix attempt
 */
record GateResult(Verdict verdict, Integer testsRun, Integer testsPassed, Integer testsFailed,
                         String reason, String tail) {

    /** How a gate run ended. */
    public enum Verdict {
        /** The commands exited 0 and ran tests, none failed, no fewer than base runs. */
        PASSED,
        /** A command failed, tests failed (whatever the exit), or it ran none or fewer than base. */
        FAILED,
        /**
         * {@code test} exited 0 but nothing it left or printed can be counted: nightshift cannot
         * tell whether tests ran. The setup's problem (make the runner countable), not the spec's.
         */
        NOT_COUNTED
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** "22 run, 16 passed, 6 failed", or empty when nothing was counted. */
    public String counted() {
        if (testsRun == null) {
            return "";
        }
        return testsRun + " run, " + (testsPassed == null ? 0 : testsPassed) + " passed, "
                + (testsFailed == null ? 0 : testsFailed) + " failed";
    }

    /** A failed gate's outcome: tests that failed are the spec's; tests that cannot be counted, the setup's. */
    BuildOutcome failedOutcome() {
        return verdict == Verdict.NOT_COUNTED ? BuildOutcome.TESTS_NOT_COUNTED : BuildOutcome.TESTS_FAILED;
    }

    /** A fix attempt's agent failed after this gate failure: the gate's failure stays what is recorded. */
    String thenFixFailed(String agentDetail) {
        return reason + "; then the fix attempt failed: " + agentDetail;
    }
}
