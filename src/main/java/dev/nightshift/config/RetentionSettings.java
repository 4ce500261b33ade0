package dev.nightshift.config;

/** How long reports and run records are kept. */
public record RetentionSettings(Integer reportsDays, Integer runsDays) {

    public RetentionSettings {
        reportsDays = BuildSettings.atLeast("reports-days", reportsDays, 30, 1);
        runsDays = BuildSettings.atLeast("runs-days", runsDays, 365, 1);
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(null, null);
    }
}
