package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.config.MailSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessTree;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.report.ReportPhase;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.PendingBatchesMover;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.NodeRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Starts one batch, whoever asks (the command line or the scheduler): takes the lock, recovers
 * from a batch that died, stops early when paused or idle, otherwise runs the five-phase job,
 * and records how it ended.
 */
@Component
public class BatchLauncher {

    private static final Logger log = LoggerFactory.getLogger(BatchLauncher.class);

    private final Home home;
    private final NightshiftSettings settings;
    private final JobOperator jobOperator;
    private final Job job;
    private final BatchRepository batches;
    private final CrashRecovery recovery;
    private final WorktreeLinks worktreeLinks;
    private final NodeRepository nodes;
    private final BatchOutcome outcome;
    private final ProcessRunner runner;
    private final ReportPhase report;
    private final RunningProcesses running;
    private final Clock clock;
    private final BatchRelease release;
    private final PendingBatchesMover pending;
    /** The batch this process runs right now, for a stop that must wait for it to end. */
    private volatile String current;
    /** Callers inside {@link #launch}, counted from their first line: a stop waits for all of them. */
    private final AtomicInteger inside = new AtomicInteger();
    /** When in the batch {@link #current} the stop came ({@link GracefulStop#note}), set before the stop flag. */
    private volatile String stopToldIn;
    private volatile String stopToldWhen;

    public BatchLauncher(Home home, NightshiftSettings settings, JobOperator jobOperator, Job nightshiftJob,
                         BatchRepository batches, CrashRecovery recovery, WorktreeLinks worktreeLinks, BatchOutcome outcome,
                         ProcessRunner runner, ReportPhase report, RunningProcesses running, Clock clock,
                         NodeRepository nodes, BatchRelease release, PendingBatchesMover pending) {
        this.home = home;
        this.settings = settings;
        this.jobOperator = jobOperator;
        this.job = nightshiftJob;
        this.batches = batches;
        this.recovery = recovery;
        this.worktreeLinks = worktreeLinks;
        this.nodes = nodes;
        this.outcome = outcome;
        this.runner = runner;
        this.report = report;
        this.running = running;
        this.clock = clock;
        this.release = release;
        this.pending = pending;
    }

    /** Takes the lock, then runs the batch; returns at once with exit code 3 when the lock is held. */
    public BatchResult launch(BatchRequest request) {
        inside.incrementAndGet();
        try {
            if (running.stopping()) {
                return stopping();
            }
            Optional<BatchLock> acquired = BatchLock.tryAcquire(home, settings);
            if (acquired.isEmpty()) {
                return BatchResult.locked(BatchLock.holder(home));
            }
            return launch(request, acquired.get());
        } finally {
            inside.decrementAndGet();
        }
    }

    /** Runs the batch under a lock the caller already holds, and releases it at the end. */
    public BatchResult launch(BatchRequest request, BatchLock held) {
        // Counted before the stop flag is read, and the stop raises the flag before it counts:
        // either this batch never starts or the stop waits for it (GracefulStop).
        inside.incrementAndGet();
        try (BatchLock lock = held) {
            if (running.stopping()) {
                return stopping();
            }
            // The command line says this first; here it guards every other caller, and records nothing.
            if (request.projectFilter() != null) {
                Optional<String> unusable = ProjectFilter.problem(home, WorkspaceReader.read(home, request.projectFilter()),
                        request.projectFilter());
                if (unusable.isPresent()) {
                    return new BatchResult(null, null, BatchResult.BAD_CONFIGURATION, unusable.get());
                }
            }
            // Batches that ended before their first phase since the last one: in the table before
            // this batch takes an id, reads the history or reports.
            pending.moveIn();
            String id = BatchIds.next(clock, home, batches::exists);
            current = id;
            lock.describe(BatchLock.RUNNING + id + ", pid " + ProcessHandle.current().pid() + ", since "
                    + LocalDateTime.now(clock).withNano(0));
            MDC.put(PhaseStepListener.LOG_KEY, home.batchLogs(id).resolve("batch.log").toString());
            runner.markBatch(ProcessTree.batchPrefix(home.root(), id));
            if (!request.dryRun()) {
                // Before the recovery, which commits and removes through these links.
                worktreeLinks.repair();
            }
            List<String> recovered = recovery.recover(id, request.dryRun());
            BatchRun run = new BatchRun(id, request.dryRun(), request.projectFilter(), clock.instant(), request.trigger());
            batches.start(id, run.startedAt(), request.trigger(), request.dryRun(), request.projectFilter(),
                    ProcessHandle.current().pid());
            recovered.forEach(note -> batches.addNote(id, note));
            nodes.ranOn(id, settings.node().name());
            if (settings.database().shared()) {
                // The report names where the batch, and so each of its builds, ran.
                batches.addNote(id, "Ran on node " + settings.node().name() + ".");
            }
            if (request.catchUp() != null) {
                batches.addNote(id, request.catchUp());
            }

            Workspace workspace = WorkspaceReader.read(home, request.projectFilter());
            Optional<StopEarly> early = StopEarly.decide(home, workspace)
                    .filter(stop -> stop.status() == BatchStatus.PAUSED || recovered.isEmpty());
            if (early.isPresent()) {
                return stopEarly(run, early.get());
            }
            log.info("batch {} starts{}", id, request.dryRun() ? " (dry run)" : "");
            JobExecution execution = jobOperator.start(job, run.toJobParameters());
            batches.attachJobExecution(id, execution.getId());
            // Told to stop (SIGTERM) while it ran: the note says when, as the stop saw it.
            BatchStatus status = running.stopping() ? BatchStatus.STOPPED : outcome.of(id);
            if (status == BatchStatus.STOPPED) {
                batches.addNote(id, GracefulStop.note(id.equals(stopToldIn) ? stopToldWhen : null));
            }
            batches.finish(id, status, clock.instant());
            return new BatchResult(id, status,
                    status == BatchStatus.SUCCEEDED ? BatchResult.OK : BatchResult.SOMETHING_FAILED,
                    message(home, id, status, outcome.failures(id)));
        } catch (Exception e) {
            log.error("the batch could not run", e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            MDC.remove(PhaseStepListener.LOG_KEY);
            release.afterBatch();
            current = null;
            inside.decrementAndGet();
        }
    }

    /** What the command prints at the end: how the batch ended, what failed, and its report when it has one. */
    static String message(Home home, String id, BatchStatus status, List<String> failures) {
        Path report = home.batchReports(id).resolve("report.html");
        return "batch " + id + " " + status.name().toLowerCase(java.util.Locale.ROOT)
                + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures))
                // A stopped batch skips its report phase: never a path to a file that is not there.
                + (Files.isRegularFile(report) ? "\nreport: " + report : "\nno report was saved for this batch");
    }

    /** The stop came while {@code batchId} ran; {@code when} is where it was ({@code null}: before any phase). */
    void toldToStop(String batchId, String when) {
        stopToldWhen = when;
        stopToldIn = batchId;
    }

    private static BatchResult stopping() {
        return new BatchResult(null, null, BatchResult.SOMETHING_FAILED, "not started: nightshift is stopping");
    }

    /** The batch running in this process now, if any. */
    public Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** Whether a caller is inside {@link #launch} now, from its first line to its last. */
    public boolean busy() {
        return inside.get() > 0;
    }

    /** Waits until no batch runs in this process, at most {@code limit}; whether it ended. */
    public boolean awaitEnd(Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (busy() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !busy();
            }
        }
        return !busy();
    }

    /** Paused or idle: no phase, no agent; recorded, and mailed only under {@code when-idle: send}. */
    private BatchResult stopEarly(BatchRun run, StopEarly stop) throws Exception {
        if (settings.mail().whenIdle() == MailSettings.WhenIdle.SEND && !run.dryRun()) {
            batches.addNote(run.batchId(), "Nothing to do (" + stop.reason() + ").");
            report.run(run);
        }
        batches.finish(run.batchId(), stop.status(), clock.instant());
        // Not logged here: the caller says how the request ended (the daemon logs it, run prints it),
        // and a line logged now would also make reports/<batch>/logs/ for a batch that has no report.
        return new BatchResult(run.batchId(), stop.status(), BatchResult.OK, stop.message(run.batchId()));
    }
}
