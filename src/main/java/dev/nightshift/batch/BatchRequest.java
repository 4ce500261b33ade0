package dev.nightshift.batch;

/**
 * A request for one batch.
 *
 * @param trigger       cli, schedule or demo
 * @param projectFilter only this project, or {@code null} for all
 */
public record BatchRequest(String trigger, boolean dryRun, String projectFilter) {

    public static BatchRequest scheduled() {
        return new BatchRequest("schedule", false, null);
    }
}
