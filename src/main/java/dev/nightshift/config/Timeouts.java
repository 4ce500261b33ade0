package dev.nightshift.config;

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
        supervisor = or(supervisor, Duration.ofMinutes(15));
        build = or(build, Duration.ofMinutes(60));
        maintenance = or(maintenance, Duration.ofMinutes(30));
        integration = or(integration, Duration.ofMinutes(25));
        report = or(report, Duration.ofMinutes(5));
        agent = or(agent, Duration.ofMinutes(30));
        tests = or(tests, Duration.ofMinutes(15));
        batch = or(batch, Duration.ofMinutes(115));
    }

    public static Timeouts defaults() {
        return new Timeouts(null, null, null, null, null, null, null, null);
    }

    private static Duration or(Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }
}
