package dev.nightshift.batch;

import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.stereotype.Component;

/**
 * One batch's builds on the cluster's workers, from the sending to what comes back: the requests
 * go out ({@link RemoteBuildHandler}), the queue writes of the finished builds are applied here
 * ({@link WorkerResults}), requests nobody took are withdrawn, and the batch notes where each
 * build ran, for the report.
 */
@Component
class RemoteBuilds {

    private static final Logger log = LoggerFactory.getLogger(RemoteBuilds.class);

    private final JobRepository repository;
    private final ObjectProvider<QueueChannel> requests;
    private final ObjectProvider<JdbcChannelMessageStore> requestStore;
    private final UnfinishedBuilds unfinished;
    private final OrdersToSend toSend;
    private final WorkerResults results;
    private final BatchRepository batches;
    private final BuildRepository builds;
    private final Clock clock;

    RemoteBuilds(JobRepository repository, ObjectProvider<QueueChannel> requests,
                 ObjectProvider<JdbcChannelMessageStore> requestStore, UnfinishedBuilds unfinished, OrdersToSend toSend,
                 WorkerResults results, BatchRepository batches, BuildRepository builds, Clock clock) {
        this.repository = repository;
        this.requests = requests;
        this.requestStore = requestStore;
        this.unfinished = unfinished;
        this.toSend = toSend;
        this.results = results;
        this.batches = batches;
        this.builds = builds;
        this.clock = clock;
    }

    /** Whether this node has the channel to workers: only with a shared database. */
    boolean possible() {
        return requests.getIfAvailable() != null;
    }

    Collection<StepExecution> handle(List<String> workers, StepExecutionSplitter splitter, StepExecution manager)
            throws Exception {
        String batchId = manager.getJobExecution().getJobParameters().getString("batchId");
        log.info("batch {} sends its builds to the cluster's workers: {}", batchId, String.join(", ", workers));
        try {
            Collection<StepExecution> partitions = new RemoteBuildHandler(repository, requests.getObject(), unfinished,
                    toSend, clock).handle(splitter, manager);
            results.applyToQueue(manager, partitions);
            return partitions;
        } finally {
            // Requests no worker took before the deadline: a worker that comes later must not build them.
            requestStore.getObject().removeMessageGroup(BuildRequests.GROUP);
            String ranOn = builds.nodes(batchId).entrySet().stream().map(e -> e.getKey() + " on " + e.getValue())
                    .collect(Collectors.joining(", "));
            batches.addNote(batchId, "Builds sent to the cluster's workers (" + String.join(", ", workers)
                    + " heard from)" + (ranOn.isEmpty() ? "; none was carried out."
                    : ": " + ranOn + ". Their logs are on each worker, in its reports/" + batchId + "/logs/."));
        }
    }
}
