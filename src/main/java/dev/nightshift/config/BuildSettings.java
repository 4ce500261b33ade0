package dev.nightshift.config;

/** Limits of the build phase. */
public record BuildSettings(
        Integer parallelism,
        Integer fixAttempts,
        Integer maxAttempts,
        Integer maxOpenPrs,
        Integer maxDeletedLines) {

    public BuildSettings {
        parallelism = atLeast("parallelism", parallelism, 3, 1);
        fixAttempts = atLeast("fix-attempts", fixAttempts, 1, 0);
        maxAttempts = atLeast("max-attempts", maxAttempts, 3, 1);
        maxOpenPrs = atLeast("max-open-prs", maxOpenPrs, 3, 1);
        maxDeletedLines = atLeast("max-deleted-lines", maxDeletedLines, 400, 0);
    }

    public static BuildSettings defaults() {
        return new BuildSettings(null, null, null, null, null);
    }

    static Integer atLeast(String key, Integer value, int fallback, int minimum) {
        if (value == null) {
            return fallback;
        }
        if (value < minimum) {
            throw new InvalidSettingException(key, value + " is too small; it must be at least " + minimum);
        }
        return value;
    }
}
