package dev.nightshift.build;

import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.LogFiles;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The build phase of a dry run. A dry run carries each work order out only as far as its
 * preflight (the spec's hash checked, then "would run the agent"), so it needs no partition per
 * project: the planned projects are gone through in their turn, in one pass on the phase's thread,
 * through the same work as a partition's ({@link ProjectBuildTasklet}), so that the results
 * recorded and the lines logged are those of a partitioned build. With 200 projects the partitions
 * alone, each a step execution written to the job repository, cost the dry run most of a second.
 * Its results are written in one transaction: nothing of a dry run needs to outlive a crash halfway,
 * and the embedded database puts every commit on the disk at once.
 */
@Component
public class DryRunBuild {

    private final PlanRepository plans;
    private final BuildRepository builds;
    private final ProjectBuildTasklet tasklet;
    private final TransactionTemplate atOnce;

    DryRunBuild(PlanRepository plans, BuildRepository builds, ProjectBuildTasklet tasklet,
                PlatformTransactionManager transactions) {
        this.plans = plans;
        this.builds = builds;
        this.tasklet = tasklet;
        this.atOnce = new TransactionTemplate(transactions);
    }

    /** @return the projects gone through, in their turn */
    public List<String> carryOut(BatchRun run) {
        List<String> projects = new BuildPartitioner(run.batchId(), plans, builds).inTurn();
        String phaseLog = MDC.get(LogFiles.KEY);
        try {
            atOnce.executeWithoutResult(status -> {
                for (String project : projects) {
                    tasklet.carryOut(run, project)
                            .ifPresent(built -> tasklet.applyToQueue(run, built.order(), built.result().changes()));
                    // A partition's thread ends with its project's log; this one goes on with the phase's.
                    restore(phaseLog);
                }
            });
        } finally {
            restore(phaseLog);
        }
        return projects;
    }

    private static void restore(String phaseLog) {
        if (phaseLog == null) {
            MDC.remove(LogFiles.KEY);
        } else {
            MDC.put(LogFiles.KEY, phaseLog);
        }
    }
}
