package dev.nightshift.batch;

import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.io.RootCause;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.PhaseReport;
import dev.nightshift.phase.PhaseWork;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.PhaseOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs a phase on a thread of its own and waits for it no longer than the phase's deadline. A
 * Spring Batch tasklet has no wall-clock limit of its own (its command timeout only interrupts
 * the waiting thread), so the waiting ends here. At the limit the phase's step listener, the one
 * owner of its deadline, kills its processes with their trees, and the phase is timed out.
 */
public class DeadlineTasklet implements Tasklet {

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private final PhaseWork phase;
    private final PhaseStepListener deadlineOwner;
    private final RunningProcesses running;
    private final SecretMasker masker;

    /** @param deadlineOwner the owner of the phase's deadline, which kills its processes when it is reached */
    public DeadlineTasklet(PhaseWork phase, PhaseStepListener deadlineOwner, RunningProcesses running,
                           SecretMasker masker) {
        this.phase = phase;
        this.deadlineOwner = deadlineOwner;
        this.running = running;
        this.masker = masker;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var context = chunk.getStepContext().getStepExecution().getExecutionContext();
        if (running.stopping()) {
            context.putString(PhaseStepListener.OUTCOME, PhaseOutcome.SKIPPED.name());
            context.putString(PhaseStepListener.DETAIL, "not run: nightshift was told to stop");
            return RepeatStatus.FINISHED;
        }
        BatchRun run = BatchRun.from(chunk.getStepContext().getJobParameters());
        Instant deadline = Instant.ofEpochMilli(context.getLong(PhaseStepListener.DEADLINE));
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "phase-" + phase.phase().key());
            t.setDaemon(true);
            return t;
        });
        PhaseOutcome outcome;
        String detail;
        Future<PhaseReport> work = thread.submit(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            return phase.run(run);
        });
        try {
            long wait = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            PhaseReport report = work.get(wait, TimeUnit.MILLISECONDS);
            outcome = report.skipped() ? PhaseOutcome.SKIPPED : PhaseOutcome.COMPLETED;
            detail = report.summary();
        } catch (TimeoutException e) {
            // The phase thread is never interrupted: an interrupt that lands while it writes to H2
            // closes H2's file channel, and with it the database for every thread. Killing its
            // processes ends what it waits for; it gets a moment to record that, then is left behind.
            int killed = deadlineOwner.deadlineReached();
            outcome = PhaseOutcome.TIMED_OUT;
            detail = "reached its deadline; " + killed + " process(es) killed";
            thread.shutdown();
            try {
                thread.awaitTermination(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            outcome = PhaseOutcome.FAILED;
            detail = RootCause.describe(e.getCause());
            org.slf4j.LoggerFactory.getLogger(DeadlineTasklet.class).error("phase {} failed", phase.phase().key(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.killAll();
            outcome = PhaseOutcome.FAILED;
            detail = "interrupted";
        } finally {
            thread.shutdown();
        }
        context.putString(PhaseStepListener.OUTCOME, outcome.name());
        if (detail != null) {
            // The step's context is stored in Spring Batch's own tables: masked like every other record.
            context.putString(PhaseStepListener.DETAIL, masker.mask(detail));
        }
        return RepeatStatus.FINISHED;
    }
}
