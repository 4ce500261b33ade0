package dev.nightshift.config;

import dev.nightshift.phase.Phase;
import java.time.Duration;

/** Hard wall-clock limits; at each, the process tree concerned is killed. */
public record Timeouts(
        Duration supervisor,
        Duration build,
        Duration maintenance,
        Duration integration,
        Duration report,
        Duration agent,
        Duration tests,
        Duration batch) {

    public Timeouts {
        supervisor = or(supervisor, Phase.SUPERVISOR.defaultLimit());
        build = or(build, Phase.BUILD.defaultLimit());
        maintenance = or(maintenance, Phase.MAINTENANCE.defaultLimit());
        integration = or(integration, Phase.INTEGRATION.defaultLimit());
        report = or(report, Phase.REPORT.defaultLimit());
        agent = or(agent, Duration.ofMinutes(30));
        tests = or(tests, Duration.ofMinutes(15));
        batch = or(batch, Duration.ofMinutes(115));
    }

    /** The limit of a phase. */
    public Duration of(Phase phase) {
        return switch (phase) {
            case SUPERVISOR -> supervisor;
            case BUILD -> build;
            case MAINTENANCE -> maintenance;
            case INTEGRATION -> integration;
            case REPORT -> report;
        };
    }

    public static Timeouts defaults() {
        return new Timeouts(null, null, null, null, null, null, null, null);
    }

    private static Duration or(Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }
}
