package dev.nightshift.batch;

import dev.nightshift.build.ProjectBuildTasklet;
import dev.nightshift.order.OrderResult;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.order.WorkOrderJson;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.store.PlanRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The writes to the owner's queue that the workers' builds ask for (spec moves, ticks, follow-ups,
 * the journal), applied on this node, which holds the queue, once the partitioned build step has
 * its partitions back: the same writes, by the same class, as after a build on this node.
 */
@Component
class WorkerResults {

    private static final Logger log = LoggerFactory.getLogger(WorkerResults.class);

    private final JobRepository repository;
    private final PlanRepository plans;
    private final ProjectBuildTasklet builds;

    private final JdbcClient jdbc;

    WorkerResults(JobRepository repository, PlanRepository plans, ProjectBuildTasklet builds, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.plans = plans;
        this.builds = builds;
    }

    void applyToQueue(StepExecution manager, Collection<StepExecution> partitions) {
        applyToQueue(BatchRun.from(manager.getJobExecution().getJobParameters()), partitions);
    }

    /**
     * A batch whose node died while workers built for it: the builds they finished still get their
     * writes to the queue, so a spec whose pull request they opened is not built again.
     *
     * @return how many builds' writes were applied
     */
    int applyLeftBy(JobExecution dead) {
        List<StepExecution> finished = jdbc.sql("""
                SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION
                WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ? AND STATUS = 'COMPLETED'""")
                .params(dead.getId(), WorkerSteps.STEP + ":%").query(Long.class).list().stream()
                .map(repository::getStepExecution).filter(java.util.Objects::nonNull).toList();
        return applyToQueue(BatchRun.from(dead.getJobParameters()), finished);
    }

    private int applyToQueue(BatchRun run, Collection<StepExecution> partitions) {
        int applied = 0;
        for (StepExecution sent : partitions) {
            // Read again: the worker wrote the context in its own process.
            StepExecution partition = Optional.ofNullable(repository.getStepExecution(sent.getId())).orElse(sent);
            String json = partition.getExecutionContext().getString(WorkerBuildTasklet.ORDER_RESULT, null);
            if (json == null) {
                continue;
            }
            OrderResult result = WorkOrderJson.readResult(json);
            Optional<WorkOrder> order = plans.order(run.batchId(), result.result().project()).map(WorkOrderJson::read);
            if (order.isEmpty()) {
                log.error("no work order for {} in batch {}: its build's writes to the queue are not applied",
                        result.result().project(), run.batchId());
                continue;
            }
            builds.applyToQueue(run, order.get(), result.changes());
            applied++;
        }
        return applied;
    }
}
