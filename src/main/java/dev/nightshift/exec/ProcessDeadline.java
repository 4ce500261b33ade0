package dev.nightshift.exec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The end of the phase now running. Every process timeout is clamped to it, so no process
 * outlives its phase ("never longer than what is left of the phase").
 */
@Component
public class ProcessDeadline {

    private final AtomicReference<Instant> end = new AtomicReference<>();
    private final Clock clock;

    public ProcessDeadline() {
        this(Clock.systemUTC());
    }

    ProcessDeadline(Clock clock) {
        this.clock = clock;
    }

    public void set(Instant deadline) {
        end.set(deadline);
    }

    public void clear() {
        end.set(null);
    }

    public Duration remaining() {
        Instant deadline = end.get();
        return deadline == null ? Duration.ofDays(365) : Duration.between(clock.instant(), deadline);
    }

    /** The shorter of {@code timeout} and what is left of the phase; never below one second. */
    public Duration clamp(Duration timeout) {
        Duration left = remaining();
        Duration clamped = left.compareTo(timeout) < 0 ? left : timeout;
        return clamped.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : clamped;
    }
}
