package dev.nightshift.batch;

import dev.nightshift.build.BuildPartitioner;
import dev.nightshift.build.ProjectBuildTasklet;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import java.time.Instant;
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
 * One build partition on a worker: the same build as on one machine, under the deadline of the
 * batch that sent it, and recorded as built on this node. A request of a batch that no longer runs
 * (it died, or gave the build up) is dropped: the build is never carried out twice.
 */
@Component
@Profile("worker")
class WorkerBuildTasklet implements Tasklet {

    /** The worker that took the partition, in its execution context: the manager names it if it never finishes. */
    static final String NODE = "nightshift.node";
    private static final Logger log = LoggerFactory.getLogger(WorkerBuildTasklet.class);

    private final ProjectBuildTasklet build;
    private final JobRepository repository;
    private final BatchRepository batches;
    private final BuildRepository builds;
    private final ProcessDeadline deadline;
    private final NightshiftSettings settings;

    WorkerBuildTasklet(ProjectBuildTasklet build, JobRepository repository, BatchRepository batches,
                       BuildRepository builds, ProcessDeadline deadline, NightshiftSettings settings) {
        this.build = build;
        this.repository = repository;
        this.batches = batches;
        this.builds = builds;
        this.deadline = deadline;
        this.settings = settings;
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
        // Every process of the build ends at the sending batch's deadline, as it would on its node.
        deadline.set(Instant.ofEpochMilli(context.getLong(PhaseStepListener.DEADLINE)));
        log.info("building {} for batch {}", project, run.batchId());
        try {
            return build.execute(contribution, chunk);
        } finally {
            builds.ranOn(run.batchId(), project, node);
            log.info("built {} for batch {}", project, run.batchId());
        }
    }
}
