package dev.nightshift.batch;

import dev.nightshift.config.Durations;
import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.io.RootCause;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.LogFiles;
import dev.nightshift.phase.Phase;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.PhaseOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;

/**
 * Puts one phase step under its deadline and records it: start, end, outcome and summary. The one
 * owner of the phase's deadline: it sets it, and at it every process still running is killed with
 * its tree, once, whether its alarm or the phase's tasklet notices first. The exit status it returns is the
 * phase's outcome, and every outcome leads on to the next step.
 */
public class PhaseStepListener implements StepExecutionListener {

    static final String OUTCOME = "nightshift.outcome";
    static final String DETAIL = "nightshift.detail";
    static final String DEADLINE = "nightshift.deadline";
    /** The MDC key naming the log file a phase's messages go to (batch.LoggingSetup). */
    public static final String LOG_KEY = LogFiles.KEY;
    private static final Logger log = LoggerFactory.getLogger(PhaseStepListener.class);

    private final Phase phase;
    private final Home home;
    private final PhaseDeadlines deadlines;
    private final BatchRepository batches;
    private final ProcessDeadline processDeadline;
    private final RunningProcesses running;
    private final Clock clock;
    private final Function<BatchRun, String> summary;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "phase-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile ScheduledFuture<?> alarm;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile int killed;

    /**
     * @param summary the phase's one-line summary when the step itself records none (the partitioned build)
     */
    public PhaseStepListener(Phase phase, Home home, PhaseDeadlines deadlines, BatchRepository batches,
                             ProcessDeadline processDeadline, RunningProcesses running, Clock clock,
                             Function<BatchRun, String> summary) {
        this.phase = phase;
        this.home = home;
        this.deadlines = deadlines;
        this.batches = batches;
        this.processDeadline = processDeadline;
        this.running = running;
        this.clock = clock;
        this.summary = summary;
    }

    @Override
    public void beforeStep(StepExecution step) {
        BatchRun run = BatchRun.from(step.getJobParameters());
        Instant now = clock.instant();
        Instant deadline = deadlines.deadline(phase, run, now);
        MDC.put(LOG_KEY, home.batchLogs(run.batchId()).resolve(phase.logFileName()).toString());
        batches.startPhase(run.batchId(), phase.key(), now);
        processDeadline.set(deadline);
        step.getExecutionContext().putLong(DEADLINE, deadline.toEpochMilli());
        fired.set(false);
        killed = 0;
        Duration left = Duration.between(now, deadline);
        alarm = watchdog.schedule(this::deadlineReached, Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        log.info("PHASE {}: {} (limit {})", phase.number(), phase.key(), Durations.format(left));
    }

    /** The deadline is reached: the phase's processes die, the first time only; how many did. */
    synchronized int deadlineReached() {
        if (fired.compareAndSet(false, true)) {
            killed = running.killAll();
            log.warn("phase {} reached its deadline; killed {} process(es)", phase.key(), killed);
        }
        return killed;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        if (alarm != null) {
            alarm.cancel(false);
        }
        processDeadline.clear();
        BatchRun run = BatchRun.from(step.getJobParameters());
        PhaseOutcome outcome;
        String detail;
        if (step.getExecutionContext().containsKey(OUTCOME)) {
            outcome = PhaseOutcome.valueOf(step.getExecutionContext().getString(OUTCOME));
            detail = step.getExecutionContext().getString(DETAIL, null);
        } else if (fired.get()) {
            outcome = PhaseOutcome.TIMED_OUT;
            detail = "reached its limit of " + Durations.format(deadlines.timeoutOf(phase)) + "; " + describe(run);
        } else if (!step.getFailureExceptions().isEmpty() || step.getStatus().isUnsuccessful()) {
            outcome = PhaseOutcome.FAILED;
            detail = step.getFailureExceptions().isEmpty() ? "failed"
                    : rootMessage(step.getFailureExceptions().get(0));
        } else {
            outcome = PhaseOutcome.COMPLETED;
            detail = describe(run);
        }
        batches.endPhase(run.batchId(), phase.key(), outcome, detail, clock.instant());
        log.info("phase {} {}: {}", phase.key(), outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), detail);
        MDC.remove(LOG_KEY);
        // Every outcome leads on: the report always runs, whatever became of the phases before it.
        return new ExitStatus(outcome.name());
    }

    private String describe(BatchRun run) {
        try {
            return summary == null ? null : summary.apply(run);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Why a phase failed, in one line: the root cause, except that a file nightshift could not
     * write is named by the message that says which file (a full disk's root cause names none).
     */
    static String rootMessage(Throwable t) {
        return RootCause.describe(t);
    }
}
