package dev.nightshift.batch;

import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.stereotype.Component;

/**
 * Hands a batch's build partitions out where {@link WhereBuildsRun} says: to the cluster's workers
 * ({@link RemoteBuildHandler}), or to this node's own threads as on one machine. Asked once per
 * batch, so a worker that joins or leaves counts from the next batch on.
 */
@Component
class BuildDispatch {

    private static final Logger log = LoggerFactory.getLogger(BuildDispatch.class);

    private final WhereBuildsRun where;
    private final JobRepository repository;
    private final ObjectProvider<QueueChannel> requests;
    private final ObjectProvider<JdbcChannelMessageStore> requestStore;
    private final UnfinishedBuilds unfinished;
    private final WorkerResults results;
    private final OrdersToSend toSend;
    private final BatchRepository batches;
    private final BuildRepository builds;
    private final Clock clock;

    BuildDispatch(WhereBuildsRun where, JobRepository repository, ObjectProvider<QueueChannel> requests,
                  ObjectProvider<JdbcChannelMessageStore> requestStore, UnfinishedBuilds unfinished, WorkerResults results, OrdersToSend toSend,
                  BatchRepository batches, BuildRepository builds, Clock clock) {
        this.where = where;
        this.repository = repository;
        this.requests = requests;
        this.requestStore = requestStore;
        this.unfinished = unfinished;
        this.results = results;
        this.toSend = toSend;
        this.batches = batches;
        this.builds = builds;
        this.clock = clock;
    }

    /** @param here how the partitions run on this node when no worker is there to take them */
    PartitionHandler choosing(PartitionHandler here) {
        return new PartitionHandler() {
            @Override
            public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
                List<String> workers = where.liveWorkers();
                QueueChannel channel = requests.getIfAvailable();
                if (workers.isEmpty() || channel == null) {
                    return here.handle(splitter, manager);
                }
                String batchId = manager.getJobExecution().getJobParameters().getString("batchId");
                log.info("batch {} sends its builds to the cluster's workers: {}", batchId, String.join(", ", workers));
                JdbcChannelMessageStore store = requestStore.getObject();
                try {
                    Collection<StepExecution> partitions = new RemoteBuildHandler(repository, channel, unfinished, toSend, clock)
                            .handle(splitter, manager);
                    results.applyToQueue(manager, partitions);
                    return partitions;
                } finally {
                    // Requests no worker took before the deadline: a worker that comes later must not build them.
                    store.removeMessageGroup(BuildRequests.GROUP);
                    String ranOn = builds.nodes(batchId).entrySet().stream().map(e -> e.getKey() + " on " + e.getValue())
                            .collect(Collectors.joining(", "));
                    batches.addNote(batchId, "Builds sent to the cluster's workers (" + String.join(", ", workers)
                            + " heard from)" + (ranOn.isEmpty() ? "; none was carried out." : ": " + ranOn + "."));
                }
            }
        };
    }
}
