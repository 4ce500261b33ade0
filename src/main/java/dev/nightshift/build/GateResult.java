package dev.nightshift.build;

/**
 * What the test gate decided.
 *
 * @param testsRun {@code null} when the run left no count nightshift could read
 * @param reason   why it failed, in a sentence; {@code null} when it passed
 * @param tail     the end of the failing output, for the report and a fix attempt
 */
public record GateResult(boolean passed, Integer testsRun, Integer testsPassed, Integer testsFailed,
                         String reason, String tail) {
}
