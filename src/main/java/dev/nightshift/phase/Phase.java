package dev.nightshift.phase;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The five phases of a batch, in the order they run. Each has its name (the batch step's, the
 * database's and the logs'), its place in the order and the limit it has when
 * {@code timeouts} does not set one.
 */
public enum Phase {
    /** Asks the hosts about open pull requests, names the risks, stores the plan. */
    SUPERVISOR(Duration.ofMinutes(15)),
    /** Builds the planned specs, projects in parallel: the whole phase, all projects. */
    BUILD(Duration.ofMinutes(60)),
    /** Health checks, the spec index, worktrees, retention, wip.md. */
    MAINTENANCE(Duration.ofMinutes(30)),
    /** Runs each project's integration command on a base that moved. */
    INTEGRATION(Duration.ofMinutes(25)),
    /** Renders, saves and mails the report; it always runs. */
    REPORT(Duration.ofMinutes(5));

    private final Duration defaultLimit;

    Phase(Duration defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    /** supervisor, build, maintenance, integration or report. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Its place in the batch, from 1. */
    public int number() {
        return ordinal() + 1;
    }

    public Duration defaultLimit() {
        return defaultLimit;
    }

    /** The file its messages go to in the batch's log folder: {@code phase-1-supervisor.log}. */
    public String logFileName() {
        return "phase-" + number() + "-" + key() + ".log";
    }

    /** The phase of a name as stored; empty for a name that is none. */
    public static Optional<Phase> find(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
