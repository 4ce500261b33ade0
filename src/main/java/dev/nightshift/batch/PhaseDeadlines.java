package dev.nightshift.batch;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.Timeouts;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * When each phase must end: its own timeout, but never past the batch's, less the time kept for
 * the report, so that the report always runs.
 */
@Component
public class PhaseDeadlines {

    private final Timeouts timeouts;

    public PhaseDeadlines(NightshiftSettings settings) {
        this.timeouts = settings.timeouts();
    }

    public Duration timeoutOf(Phase phase) {
        return timeouts.of(phase);
    }

    public Instant deadline(Phase phase, BatchRun run, Instant now) {
        Instant own = now.plus(timeoutOf(phase));
        if (phase == Phase.REPORT) {
            return own;
        }
        Instant batchEnd = run.startedAt().plus(timeouts.batch()).minus(timeouts.report());
        return own.isBefore(batchEnd) ? own : (batchEnd.isAfter(now) ? batchEnd : now);
    }
}
