package dev.nightshift.pr;

import dev.nightshift.exec.ProcessDeadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * When a GitHub call is tried again: only after a {@link GitHubApi.Transient} failure, after an
 * exponential backoff or the wait GitHub asked for, whichever is longer; never past the phase's
 * deadline, and never when GitHub asks for more than {@link Limits#maxWait()}.
 */
final class GitHubRetryPolicy implements RetryPolicy {

    /** How often and how long to wait. */
    record Limits(int maxRetries, Duration firstDelay, Duration maxWait) {
        static final Limits DEFAULT = new Limits(4, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** Leave this much of the phase for the work after the call. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final Limits limits;
    private final ProcessDeadline deadline;
    private final AtomicReference<Duration> hint = new AtomicReference<>(Duration.ZERO);

    GitHubRetryPolicy(Limits limits, ProcessDeadline deadline) {
        this.limits = limits;
        this.deadline = deadline;
    }

    @Override
    public boolean shouldRetry(Throwable failure) {
        if (failure instanceof GitHubApi.Transient transientFailure) {
            hint.set(transientFailure.waitHint());
            return true;
        }
        return false;
    }

    @Override
    public BackOff getBackOff() {
        return () -> new BackOffExecution() {
            private int retries;

            @Override
            public long nextBackOff() {
                if (++retries > limits.maxRetries()) {
                    return STOP;
                }
                Duration backoff = limits.firstDelay().multipliedBy(1L << Math.min(retries - 1, 16));
                Duration wait = hint.get().compareTo(backoff) > 0 ? hint.get() : backoff;
                if (hint.get().compareTo(limits.maxWait()) > 0
                        || wait.compareTo(deadline.remaining().minus(MARGIN)) > 0) {
                    return STOP;
                }
                return wait.toMillis();
            }
        };
    }
}
