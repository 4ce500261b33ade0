package dev.nightshift.batch;

import dev.nightshift.build.BuildPartitioner;
import dev.nightshift.build.SpecSincePlanning;
import dev.nightshift.config.Home;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.order.WorkOrderJson;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records.BuildResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Which of a batch's work orders go out to the workers: those whose spec is as it was planned. The
 * queue is on this node, not on a worker, so the check a build makes before it starts is made here
 * for a worker's build; an order whose spec was edited or removed since planning is recorded as
 * skipped, and its partition is done without being sent.
 */
@Component
class OrdersToSend {

    private static final Logger log = LoggerFactory.getLogger(OrdersToSend.class);

    private final Home home;
    private final JobRepository repository;
    private final PlanRepository plans;
    private final BuildRepository builds;
    private final Clock clock;

    OrdersToSend(Home home, JobRepository repository, PlanRepository plans, BuildRepository builds, Clock clock) {
        this.home = home;
        this.repository = repository;
        this.plans = plans;
        this.builds = builds;
        this.clock = clock;
    }

    /** @return the partitions kept back, already done, each with its result recorded */
    Set<StepExecution> keepBack(String batchId, Set<StepExecution> partitions) {
        Set<StepExecution> kept = new LinkedHashSet<>();
        for (StepExecution partition : partitions) {
            String project = partition.getExecutionContext().getString(BuildPartitioner.PROJECT, null);
            Optional<WorkOrder> order = project == null ? Optional.empty()
                    : plans.order(batchId, project).map(WorkOrderJson::read);
            Optional<String> changed = order.flatMap(o -> SpecSincePlanning.change(home.root(), o));
            if (changed.isEmpty()) {
                continue;
            }
            log.info("{}: {}", project, changed.get());
            Instant at = clock.instant();
            builds.save(new BuildResult(batchId, project, order.get().spec().name(), order.get().task().text(),
                    BuildOutcome.SKIPPED, changed.get(), null, null, null, null, null, null, null, null, at, at));
            partition.setStatus(BatchStatus.COMPLETED);
            partition.setExitStatus(ExitStatus.COMPLETED.addExitDescription(changed.get()));
            partition.setEndTime(LocalDateTime.now());
            repository.update(partition);
            kept.add(partition);
        }
        return kept;
    }
}
