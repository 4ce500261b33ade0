package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.order.OrderResult;
import dev.nightshift.order.QueueChange;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.order.WorkOrderJson;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.LogFiles;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.PlanEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * The worker of one build partition: one project's work order carried out, its result recorded,
 * then what it asks of the owner's queue applied ({@link QueueUpdates}). It always records a result
 * and never throws, so one project's failure cannot touch the others.
 */
@Component
public class ProjectBuildTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ProjectBuildTasklet.class);

    private final Home home;
    private final PlanRepository plans;
    private final BuildRepository builds;
    private final ProjectBuild build;
    private final QueueUpdates queue;
    private final ProcessDeadline phaseEnd;
    private final Clock clock;

    public ProjectBuildTasklet(Home home, PlanRepository plans, BuildRepository builds, ProjectBuild build,
                               QueueUpdates queue, ProcessDeadline phaseEnd, Clock clock) {
        this.home = home;
        this.plans = plans;
        this.builds = builds;
        this.build = build;
        this.queue = queue;
        this.phaseEnd = phaseEnd;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        BatchRun run = BatchRun.from(chunk.getStepContext().getJobParameters());
        String project = chunk.getStepContext().getStepExecution().getExecutionContext().getString(BuildPartitioner.PROJECT);
        carryOut(run, project).ifPresent(built -> applyToQueue(run, built.order(), built.result().changes()));
        return RepeatStatus.FINISHED;
    }

    /**
     * A work order carried out and its result recorded.
     *
     * @param result what came of it, with the writes to the owner's queue it asks for
     */
    public record Built(WorkOrder order, OrderResult result) {
    }

    /**
     * The project's build and its recorded result, without the writes to the owner's queue: on a
     * cluster's worker, which has no queue, those go back to the batch's node ({@link #applyToQueue}).
     *
     * @return empty when the build did not start (its turn came after the phase's end) or had no order
     */
    public Optional<Built> carryOut(BatchRun run, String project) {
        MDC.put(LogFiles.KEY, home.batchLogs(run.batchId()).resolve("build-" + project + ".log").toString());
        Instant started = clock.instant();
        PlanEntry entry = plans.entry(run.batchId(), project).orElseThrow();
        Optional<WorkOrder> order = plans.order(run.batchId(), project).map(WorkOrderJson::read);
        if (phaseEnd.remaining().isNegative() || phaseEnd.remaining().isZero()) {
            // Its turn came after the phase's end: not started, and first in line next time.
            log.info("{} waited: the build phase ended before its turn", project);
            MDC.remove(LogFiles.KEY);
            builds.save(new BuildResult(run.batchId(), project, entry.spec(), entry.task(), BuildOutcome.WAITED,
                    "waited: more projects were ready than the build phase's time could serve; it goes before"
                            + " the projects built this batch in the next one", null, null, null, null, null, null,
                    null, null, started, clock.instant()));
            return Optional.empty();
        }
        OrderResult result;
        try {
            result = order.map(o -> build.build(run, o)).orElseGet(() -> failed(run, entry, started,
                    "no work order was stored for the planned spec"));
        } catch (RuntimeException e) {
            log.error("the build of {} failed", project, e);
            result = failed(run, entry, started, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            MDC.remove(LogFiles.KEY);
        }
        builds.save(result.result());
        OrderResult recorded = result;
        return order.map(o -> new Built(o, recorded));
    }

    /** What a build asks of the owner's queue, applied: on the node that holds the queue, after the build. */
    public void applyToQueue(BatchRun run, WorkOrder order, List<QueueChange> changes) {
        try {
            queue.apply(order, changes, run.dryRun());
        } catch (RuntimeException e) {
            log.error("could not apply the build's changes to the queue of {}/{}", order.project(), order.spec().name(), e);
        }
    }

    private OrderResult failed(BatchRun run, PlanEntry entry, Instant started, String why) {
        return new OrderResult(new BuildResult(run.batchId(), entry.project(), entry.spec(), entry.task(),
                BuildOutcome.FAILED, why, null, null, null, null, null, null, null, null, started, clock.instant()),
                List.of());
    }
}
