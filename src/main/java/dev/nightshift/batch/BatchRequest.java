package dev.nightshift.batch;

/**
 * A request for one batch.
 *
 * @param trigger       cli, schedule or demo
 * @param projectFilter only this project, or {@code null} for all
 * @param catchUp       for a scheduled fire that stands for one missed while the daemon was down, what to say
 *                      about it ("catching up the fire of 02:00 ..."); else {@code null}
 */
public record BatchRequest(String trigger, boolean dryRun, String projectFilter, String catchUp) {

    public BatchRequest(String trigger, boolean dryRun, String projectFilter) {
        this(trigger, dryRun, projectFilter, null);
    }

    public static BatchRequest scheduled() {
        return new BatchRequest("schedule", false, null);
    }

    public static BatchRequest catchingUp(String note) {
        return new BatchRequest("schedule", false, null, note);
    }
}
