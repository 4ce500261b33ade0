package dev.nightshift.phase;

/**
 * What a phase says of itself when it ends normally.
 *
 * @param skipped the phase had nothing to do (or a dry run kept it from acting)
 * @param summary one line for the report's timeline
 */
public record PhaseReport(boolean skipped, String summary) {

    public static PhaseReport done(String summary) {
        return new PhaseReport(false, summary);
    }

    public static PhaseReport skipped(String summary) {
        return new PhaseReport(true, summary);
    }
}
