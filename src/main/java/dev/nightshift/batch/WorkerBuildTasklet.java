package dev.nightshift.batch;

import dev.nightshift.build.BuildPartitioner;
import dev.nightshift.build.ProjectBuildTasklet;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.order.WorkOrderJson;
import dev.nightshift.exec.ProcessTree;
import dev.nightshift.store.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * One build partition on a worker: the same build as on one machine, from the work order the
 * batch stored, under the deadline of the batch that sent it, and recorded as built on this node.
 * The writes to the owner's queue it asks for are not made here (a worker has no queue): they go
 * back in the partition's execution context, and the batch's node applies them
 * ({@link WorkerResults}). A request of a batch that no longer runs (it died, or gave the build
 * up) is dropped, and a build whose batch was found dead and recovered while it ran has its
 * processes ended: the next batch builds the spec again, never alongside.
 */
@Component
@Profile("worker")
class WorkerBuildTasklet implements Tasklet {

    /** The worker that took the partition, in its execution context: the manager names it if it never finishes. */
    static final String NODE = "nightshift.node";
    /** What came of the build (its result and its writes to the queue), as JSON, in its execution context. */
    static final String ORDER_RESULT = "nightshift.order-result";
    private static final Logger log = LoggerFactory.getLogger(WorkerBuildTasklet.class);
    /** How often a running build looks whether its batch still runs. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread thread = new Thread(run, "worker-batch-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final ProjectBuildTasklet build;
    private final JobRepository repository;
    private final BatchRepository batches;
    private final BuildRepository builds;
    private final ProcessDeadline deadline;
    private final NightshiftSettings settings;
    private final Home home;
    private final ProcessRunner runner;

    WorkerBuildTasklet(ProjectBuildTasklet build, JobRepository repository, BatchRepository batches,
                       BuildRepository builds, ProcessDeadline deadline, NightshiftSettings settings, Home home,
                       ProcessRunner runner) {
        this.home = home;
        this.runner = runner;
        this.build = build;
        this.repository = repository;
        this.batches = batches;
        this.builds = builds;
        this.deadline = deadline;
        this.settings = settings;
    }

    /**
     * The batch's node died and a later batch recovered it (it no longer runs): this build's
     * processes end now, so the spec is not worked on twice at once.
     */
    private void endIfBatchGone(String batchId) {
        try {
            if (batches.find(batchId).map(b -> b.status() != BatchStatus.RUNNING).orElse(true)) {
                deadline.set(Instant.now());
                int killed = ProcessTree.killByMarkerPrefix(ProcessTree.batchPrefix(home.root(), batchId) + "/");
                if (killed > 0) {
                    log.warn("batch {} no longer runs (its node died and it was recovered): ended {} process(es) of its"
                            + " build", batchId, killed);
                }
            }
        } catch (RuntimeException e) {
            // The database out of reach for a moment says nothing about the batch; the next look tries again.
            log.debug("could not look at batch {}: {}", batchId, e.getMessage());
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        StepExecution partition = chunk.getStepContext().getStepExecution();
        ExecutionContext context = partition.getExecutionContext();
        BatchRun run = BatchRun.from(chunk.getStepContext().getJobParameters());
        String project = context.getString(BuildPartitioner.PROJECT);
        if (batches.running().stream().noneMatch(b -> b.id().equals(run.batchId()))) {
            log.warn("dropped the build of {} for batch {}: that batch no longer runs", project, run.batchId());
            return RepeatStatus.FINISHED;
        }
        String node = settings.node().name();
        context.putString(NODE, node);
        repository.updateExecutionContext(partition);
        // Its processes carry the batch in their marker, as on the batch's own node: found and ended by it.
        runner.markBatch(ProcessTree.batchPrefix(home.root(), run.batchId()));
        // Every process of the build ends at the sending batch's deadline, as it would on its node.
        deadline.set(Instant.ofEpochMilli(context.getLong(PhaseStepListener.DEADLINE)));
        log.info("building {} for batch {}", project, run.batchId());
        ScheduledFuture<?> watch = WATCH.scheduleWithFixedDelay(() -> endIfBatchGone(run.batchId()),
                LOOK_EVERY.toMillis(), LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            // The queue's writes the build asks for go back with the partition: the batch's node holds the queue.
            build.carryOut(run, project).ifPresent(built -> {
                context.putString(ORDER_RESULT, WorkOrderJson.write(built.result()));
                repository.updateExecutionContext(partition);
            });
            return RepeatStatus.FINISHED;
        } finally {
            watch.cancel(false);
            builds.ranOn(run.batchId(), project, node);
            log.info("built {} for batch {}", project, run.batchId());
        }
    }
}
