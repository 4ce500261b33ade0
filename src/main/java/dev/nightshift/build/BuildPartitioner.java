package dev.nightshift.build;

import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records.PlanEntry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per project the stored plan gives work to: the build follows the plan exactly.
 * Each partition carries its turn ({@link BuildTurns}); {@link InTurn} starts them in that order.
 */
public class BuildPartitioner implements Partitioner {

    public static final String PROJECT = "project";
    public static final String TURN = "turn";

    private final String batchId;
    private final PlanRepository plans;
    private final BuildRepository builds;

    public BuildPartitioner(String batchId, PlanRepository plans) {
        this(batchId, plans, null);
    }

    /** @param builds the history the turns are read from; without it, the plan's order */
    public BuildPartitioner(String batchId, PlanRepository plans, BuildRepository builds) {
        this.batchId = batchId;
        this.plans = plans;
        this.builds = builds;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (String project : inTurn()) {
            ExecutionContext context = new ExecutionContext();
            context.putString(PROJECT, project);
            context.putInt(TURN, partitions.size());
            partitions.put("project-" + project, context);
        }
        return partitions;
    }

    /** The projects the plan gives work to, in their turn: the one built least recently first. */
    List<String> inTurn() {
        List<String> planned = plans.plan(batchId).stream().filter(PlanEntry::hasWork).map(PlanEntry::project).toList();
        return builds == null ? planned : BuildTurns.order(planned, builds.lastTurns(planned));
    }

    /**
     * Hands the partitions to the executor in their turn. Spring Batch gives them as a set in no
     * order; the executor's concurrency limit starts them in the order they are handed over.
     */
    public static class InTurn extends TaskExecutorPartitionHandler {

        @Override
        protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
            Set<StepExecution> inTurn = new LinkedHashSet<>();
            partitions.stream()
                    .sorted(Comparator.comparingInt(p -> p.getExecutionContext().getInt(TURN, Integer.MAX_VALUE)))
                    .forEach(inTurn::add);
            return super.doHandle(manager, inTurn);
        }
    }
}
