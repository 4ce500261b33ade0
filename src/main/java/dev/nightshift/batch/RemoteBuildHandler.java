package dev.nightshift.batch;

import dev.nightshift.build.BuildPartitioner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Sends one batch's build partitions to the cluster's workers (Spring Batch remote partitioning)
 * and waits for them in the job repository, with no reply channel: a partition is done when its
 * step execution is. The workers end their processes {@link #GRACE} before the build phase's
 * deadline and record what they did; whatever is still unfinished at the deadline is given up
 * ({@link UnfinishedBuilds}), so a worker killed mid-build holds the batch no longer than the
 * phase's limit. One per batch: its wait depends on the batch's deadline.
 */
class RemoteBuildHandler extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemoteBuildHandler.class);
    /** The time a worker keeps between the end of its processes and the deadline, to record the result. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final JobRepository repository;
    private final UnfinishedBuilds unfinished;
    private final OrdersToSend toSend;
    private final Clock clock;

    RemoteBuildHandler(JobRepository repository, MessageChannel requests, UnfinishedBuilds unfinished,
                       OrdersToSend toSend, Clock clock) {
        this.repository = repository;
        this.unfinished = unfinished;
        this.toSend = toSend;
        this.clock = clock;
        setStepName(WorkerSteps.STEP);
        setJobRepository(repository);
        setMessagingOperations(new MessagingTemplate(requests));
        setPollInterval(POLL.toMillis());
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        // Polls the repository (rather than waiting on replies) because a reply would need a channel per batch.
        afterPropertiesSet();
        Instant deadline = Instant.ofEpochMilli(manager.getExecutionContext().getLong(PhaseStepListener.DEADLINE,
                clock.instant().plus(Duration.ofDays(1)).toEpochMilli()));
        Duration left = Duration.between(clock.instant(), deadline);
        Instant workerDeadline = left.compareTo(GRACE.multipliedBy(2)) > 0 ? deadline.minus(GRACE) : deadline;
        String batchId = manager.getJobExecution().getJobParameters().getString("batchId");
        Set<StepExecution> keptBack = toSend.keepBack(batchId, partitions);
        Set<StepExecution> inTurn = new LinkedHashSet<>();
        partitions.stream().filter(p -> !keptBack.contains(p))
                .sorted(Comparator.comparingInt(p -> p.getExecutionContext().getInt(BuildPartitioner.TURN, Integer.MAX_VALUE)))
                .forEach(p -> {
                    // The worker ends its processes a little before this node's deadline, so that it
                    // has time to record what it did before the batch stops waiting for it.
                    p.getExecutionContext().putLong(PhaseStepListener.DEADLINE, workerDeadline.toEpochMilli());
                    repository.updateExecutionContext(p);
                    inTurn.add(p);
                });
        setTimeout(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()));
        log.info("sent {} build(s) to the cluster's workers; waiting until {}", inTurn.size(), deadline);
        Set<StepExecution> all = new LinkedHashSet<>(keptBack);
        try {
            all.addAll(super.doHandle(manager, inTurn));
        } catch (TimeoutException e) {
            all.addAll(unfinished.giveUp(manager, inTurn));
        }
        return all;
    }
}
