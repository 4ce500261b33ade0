package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.LogFiles;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.PlanEntry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * The worker of one build partition: one project's planned spec. It always records a result and
 * never throws, so one project's failure cannot touch the others.
 */
@Component
public class ProjectBuildTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ProjectBuildTasklet.class);

    private final Home home;
    private final PlanRepository plans;
    private final BuildRepository builds;
    private final ProjectBuild build;
    private final RetryBudget retryBudget;
    private final ProcessDeadline phaseEnd;
    private final Clock clock;

    public ProjectBuildTasklet(Home home, PlanRepository plans, BuildRepository builds, ProjectBuild build,
                               RetryBudget retryBudget, ProcessDeadline phaseEnd, Clock clock) {
        this.home = home;
        this.plans = plans;
        this.builds = builds;
        this.build = build;
        this.retryBudget = retryBudget;
        this.phaseEnd = phaseEnd;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        BatchRun run = BatchRun.from(chunk.getStepContext().getJobParameters());
        String project = chunk.getStepContext().getStepExecution().getExecutionContext().getString(BuildPartitioner.PROJECT);
        MDC.put(LogFiles.KEY, home.batchLogs(run.batchId()).resolve("build-" + project + ".log").toString());
        Instant started = clock.instant();
        PlanEntry entry = plans.entry(run.batchId(), project).orElseThrow();
        if (phaseEnd.remaining().isNegative() || phaseEnd.remaining().isZero()) {
            // Its turn came after the phase's end: not started, and first in line next time.
            log.info("{} waited: the build phase ended before its turn", project);
            MDC.remove(LogFiles.KEY);
            builds.save(new BuildResult(run.batchId(), project, entry.spec(), entry.task(), BuildOutcome.WAITED,
                    "waited: more projects were ready than the build phase's time could serve; it goes before"
                            + " the projects built this batch in the next one", null, null, null, null, null, null,
                    null, null, started, clock.instant()));
            return RepeatStatus.FINISHED;
        }
        BuildResult result;
        try {
            result = build.build(run, entry);
        } catch (RuntimeException e) {
            log.error("the build of {} failed", project, e);
            result = new BuildResult(run.batchId(), project, entry.spec(), entry.task(), BuildOutcome.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), null, null, null, null, null, null, null,
                    null, started, clock.instant());
        } finally {
            MDC.remove(LogFiles.KEY);
        }
        builds.save(result);
        try {
            retryBudget.afterBuild(result, run.dryRun());
        } catch (RuntimeException e) {
            log.error("could not apply the retry budget to {}/{}", project, entry.spec(), e);
        }
        return RepeatStatus.FINISHED;
    }
}
