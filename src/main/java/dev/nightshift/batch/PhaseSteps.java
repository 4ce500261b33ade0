package dev.nightshift.batch;

import dev.nightshift.build.BuildPartitioner;
import dev.nightshift.build.BuildSummary;
import dev.nightshift.build.ProjectBuildTasklet;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.integration.IntegrationPhase;
import dev.nightshift.maintenance.MaintenancePhase;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseWork;
import dev.nightshift.report.ReportPhase;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.supervisor.SupervisorPhase;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The five phase steps: each phase's own bean, put under its deadline and recorded. The build
 * step is partitioned: one partition per planned project, {@code build.parallelism} at once here,
 * or sent to a cluster's workers ({@link BuildDispatch}).
 */
@Configuration(proxyBeanMethods = false)
class PhaseSteps {

    /**
     * A phase runs for up to an hour, writes as it goes, and must leave its records even when it
     * is killed: no transaction may span it.
     */
    private static final ResourcelessTransactionManager NO_TRANSACTION = new ResourcelessTransactionManager();

    private final JobRepository repository;
    private final Home home;
    private final PhaseDeadlines deadlines;
    private final BatchRepository batches;
    private final ProcessDeadline processDeadline;
    private final RunningProcesses running;
    private final SecretMasker masker;
    private final Clock clock;

    PhaseSteps(JobRepository repository, Home home, PhaseDeadlines deadlines, BatchRepository batches,
               ProcessDeadline processDeadline, RunningProcesses running, SecretMasker masker, Clock clock) {
        this.repository = repository;
        this.home = home;
        this.deadlines = deadlines;
        this.batches = batches;
        this.processDeadline = processDeadline;
        this.running = running;
        this.masker = masker;
        this.clock = clock;
    }

    @Bean
    Step supervisorStep(SupervisorPhase supervisor) {
        return phaseStep(supervisor);
    }

    @Bean
    Step buildStep(BuildPartitioner buildPartitioner, Step buildProjectStep, NightshiftSettings settings,
                   BuildSummary summary, BuildDispatch dispatch) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("build-");
        executor.setConcurrencyLimit(settings.build().parallelism());
        executor.setTaskDecorator(task -> {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            return () -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    task.run();
                } finally {
                    MDC.clear();
                }
            };
        });
        TaskExecutorPartitionHandler handler = new BuildPartitioner.InTurn();
        handler.setTaskExecutor(executor);
        handler.setStep(buildProjectStep);
        handler.setGridSize(settings.build().parallelism());
        return new StepBuilder(Phase.BUILD.key(), repository)
                .partitioner("buildProject", buildPartitioner)
                .partitionHandler(dispatch.choosing(handler))
                .listener(listener(Phase.BUILD, run -> summary.describe(run.batchId())))
                .build();
    }

    @Bean
    Step buildProjectStep(ProjectBuildTasklet tasklet) {
        return new StepBuilder("buildProject", repository).tasklet(tasklet, NO_TRANSACTION).build();
    }

    @Bean
    @StepScope
    BuildPartitioner buildPartitioner(@Value("#{jobParameters['batchId']}") String batchId, PlanRepository plans,
                                      BuildRepository builds) {
        return new BuildPartitioner(batchId, plans, builds);
    }

    @Bean
    Step maintenanceStep(MaintenancePhase maintenance) {
        return phaseStep(maintenance);
    }

    @Bean
    Step integrationStep(IntegrationPhase integration) {
        return phaseStep(integration);
    }

    @Bean
    Step reportStep(ReportPhase report) {
        return phaseStep(report);
    }

    private Step phaseStep(PhaseWork work) {
        PhaseStepListener deadline = listener(work.phase(), null);
        return new StepBuilder(work.phase().key(), repository)
                .tasklet(new DeadlineTasklet(work, deadline, running, masker), NO_TRANSACTION)
                .listener(deadline)
                .build();
    }

    private PhaseStepListener listener(Phase phase, Function<dev.nightshift.phase.BatchRun, String> summary) {
        return new PhaseStepListener(phase, home, deadlines, batches, processDeadline, running, clock, summary);
    }
}
