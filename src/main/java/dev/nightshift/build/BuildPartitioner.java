package dev.nightshift.build;

import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records.PlanEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** One partition per project the stored plan gives work to: the build follows the plan exactly. */
public class BuildPartitioner implements Partitioner {

    static final String PROJECT = "project";

    private final String batchId;
    private final PlanRepository plans;

    public BuildPartitioner(String batchId, PlanRepository plans) {
        this.batchId = batchId;
        this.plans = plans;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (PlanEntry entry : plans.plan(batchId)) {
            if (entry.hasWork()) {
                ExecutionContext context = new ExecutionContext();
                context.putString(PROJECT, entry.project());
                partitions.put("project-" + entry.project(), context);
            }
        }
        return partitions;
    }
}
