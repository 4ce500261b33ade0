package dev.nightshift.batch;

import dev.nightshift.config.NightshiftSettings;
import java.time.Duration;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.scheduling.PollerMetadata;

/**
 * A worker's side of remote partitioning: it takes build requests from the cluster's channel, at
 * most {@code build.parallelism} at once, and runs each as the step the request names: one
 * project's build, on this machine, with its own clones, working copies and sandbox.
 */
@Configuration(proxyBeanMethods = false)
@Profile("worker")
@EnableIntegration
class WorkerSteps {

    /** The partition step's name, the same on the manager (which names it in a request) and the worker. */
    static final String STEP = "buildProject";
    /** How often an idle worker looks for a request: a build takes minutes, a second's wait is nothing. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** Well inside the 10 seconds a service manager gives before it kills. */
    static final Duration WAIT_FOR_BUILDS = Duration.ofSeconds(6);

    /**
     * One request per look, and a look only while a build slot is free: the executor blocks the
     * next look until one is, so a worker never holds a request it cannot start.
     */
    @Bean(name = PollerMetadata.DEFAULT_POLLER)
    PollerMetadata buildRequestPoller(SimpleAsyncTaskExecutor workerBuildSlots) {
        return Pollers.fixedDelay(LOOK_EVERY).maxMessagesPerPoll(1).taskExecutor(workerBuildSlots).getObject();
    }

    /**
     * The worker's build slots. Closing it waits, up to {@link #WAIT_FOR_BUILDS}, for the builds
     * running in it: a worker told to stop lets them record their end before the database closes.
     */
    @Bean
    SimpleAsyncTaskExecutor workerBuildSlots(NightshiftSettings settings) {
        SimpleAsyncTaskExecutor slots = new SimpleAsyncTaskExecutor("worker-build-");
        slots.setConcurrencyLimit(settings.build().parallelism());
        slots.setTaskTerminationTimeout(WAIT_FOR_BUILDS.toMillis());
        return slots;
    }

    @Bean(name = STEP)
    Step buildProject(JobRepository repository, BeanFactory beanFactory, QueueChannel buildRequestChannel,
                      WorkerBuildTasklet tasklet) {
        RemotePartitioningWorkerStepBuilderFactory steps = new RemotePartitioningWorkerStepBuilderFactory(repository);
        steps.setBeanFactory(beanFactory);
        // The build writes as it goes and must leave its records even when killed: no transaction spans it.
        return steps.get(STEP).inputChannel(buildRequestChannel).tasklet(tasklet, new ResourcelessTransactionManager())
                .build();
    }
}
