package dev.nightshift.batch;

import dev.nightshift.build.DryRunBuild;
import dev.nightshift.phase.BatchRun;
import java.util.Collection;
import java.util.List;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Hands a batch's build partitions out where {@link WhereBuildsRun} says: to the cluster's workers
 * ({@link RemoteBuilds}), or to this node's own threads as on one machine. Asked once per batch,
 * so a worker that joins or leaves counts from the next batch on. A dry run has no partitions: it
 * only checks and names what it would build, here, in one pass ({@link DryRunBuild}).
 */
@Component
class BuildDispatch {

    private final WhereBuildsRun where;
    private final RemoteBuilds remote;
    private final DryRunBuild dryRun;

    BuildDispatch(WhereBuildsRun where, RemoteBuilds remote, DryRunBuild dryRun) {
        this.where = where;
        this.remote = remote;
        this.dryRun = dryRun;
    }

    /** @param here how the partitions run on this node when no worker is there to take them */
    PartitionHandler choosing(PartitionHandler here) {
        return new PartitionHandler() {
            @Override
            public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
                BatchRun run = BatchRun.from(manager.getJobParameters());
                if (run.dryRun()) {
                    dryRun.carryOut(run);
                    return List.of();
                }
                List<String> workers = where.liveWorkers();
                if (workers.isEmpty() || !remote.possible()) {
                    return here.handle(splitter, manager);
                }
                return remote.handle(workers, splitter, manager);
            }
        };
    }
}
