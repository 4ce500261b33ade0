package dev.nightshift.batch;

import dev.nightshift.build.BuildPartitioner;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.PlanEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * What a batch makes of the builds its workers had not finished when the build phase's time was
 * up: a build no worker took waited (first in line next time, as on one machine); a build a worker
 * took and never finished failed for a reason that is not the spec's (the worker stopped, was
 * killed, or lost the database), and the next batch builds the spec again. Its partition is
 * marked failed, so a worker that still runs it can no longer record it as done.
 */
@Component
class UnfinishedBuilds {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedBuilds.class);

    private final JobRepository repository;
    private final PlanRepository plans;
    private final BuildRepository builds;
    private final Clock clock;

    UnfinishedBuilds(JobRepository repository, PlanRepository plans, BuildRepository builds, Clock clock) {
        this.repository = repository;
        this.plans = plans;
        this.builds = builds;
        this.clock = clock;
    }

    /** @return the partitions as they stand now, the unfinished ones failed */
    Set<StepExecution> giveUp(StepExecution manager, Set<StepExecution> partitions) {
        String batchId = manager.getJobExecution().getJobParameters().getString("batchId");
        Set<StepExecution> now = new LinkedHashSet<>();
        for (StepExecution sent : partitions) {
            StepExecution partition = repository.getStepExecution(sent.getId());
            if (partition == null) {
                partition = sent;
            }
            if (partition.getStatus().isRunning()) {
                giveUp(batchId, partition);
            }
            now.add(partition);
        }
        return now;
    }

    private void giveUp(String batchId, StepExecution partition) {
        String project = partition.getExecutionContext().getString(BuildPartitioner.PROJECT, null);
        String node = partition.getExecutionContext().getString(WorkerBuildTasklet.NODE, null);
        Instant at = clock.instant();
        String reason = node == null
                ? "waited: no worker of the cluster took it before the build phase's deadline; it goes before the"
                        + " projects built this batch in the next one"
                : "worker " + node + " took it and did not finish by the build phase's deadline (it stopped, was killed,"
                        + " or lost the database); not the spec's failure, the next batch builds it again";
        log.warn("{}: {}", project, reason);
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
        partition.setEndTime(java.time.LocalDateTime.now());
        repository.update(partition);
        if (project == null || builds.results(batchId).stream().anyMatch(r -> r.project().equals(project))) {
            return;
        }
        PlanEntry entry = plans.entry(batchId, project).orElse(null);
        if (entry == null) {
            return;
        }
        builds.save(new BuildResult(batchId, project, entry.spec(), entry.task(),
                node == null ? BuildOutcome.WAITED : BuildOutcome.FAILED, reason, null, null, null, null, null, null, null,
                null, at, at));
        if (node != null) {
            builds.ranOn(batchId, project, node);
        }
    }
}
