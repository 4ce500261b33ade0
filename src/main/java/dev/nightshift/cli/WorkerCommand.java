package dev.nightshift.cli;

import dev.nightshift.batch.BatchResult;
import dev.nightshift.batch.StopSignals;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.exec.FolderProcesses;
import dev.nightshift.exec.RunningProcesses;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift worker}: joins a cluster (its database is PostgreSQL) and carries out the build
 * partitions its batches send, up to {@code build.parallelism} at once, until SIGTERM. The worker
 * keeps its own clones, working copies and sandbox under its home and gives its agent the
 * variables of its own environment; it needs no {@code wip-specs/}.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Carry out build partitions for a cluster (database.url names its PostgreSQL) until stopped"
                + " (SIGTERM). Each batch of the cluster sends its builds to the workers heard from.")
class WorkerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() throws Exception {
        Home home = parent.home();
        NightshiftSettings settings = SettingsFiles.readGlobal(home);
        if (!settings.database().shared()) {
            System.err.println("nightshift: a worker serves a cluster, and a cluster shares a PostgreSQL database;"
                    + " " + home.settingsFile() + " names none (database.url), so the records are the embedded H2 of"
                    + " one machine, whose batches build on it: use `nightshift run` or `nightshift daemon` there");
            return BatchResult.BAD_CONFIGURATION;
        }
        // A worker of this home killed earlier may have left a build's processes working in its folders.
        int strays = FolderProcesses.killInside(home.state());
        if (strays > 0) {
            log.warn("ended {} process(es) a previous worker of this home left running", strays);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ConfigurableApplicationContext context = NightshiftContext.start(home, settings, NightshiftContext.Purpose.WORKER);
        try (AutoCloseable routed = StopSignals.route(() -> stop(context, stopped))) {
            context.getBean(IntegrationFlowContext.class).getRegistry().values().forEach(flow -> flow.start());
            System.out.println("nightshift worker: node " + settings.node().name() + ", home " + home.root() + ", up to "
                    + settings.build().parallelism() + " build(s) at once; stop it with SIGTERM");
            stopped.await();
        }
        return 0;
    }

    /** SIGTERM: no further request is taken, the builds running now end their processes, the worker leaves. */
    private static void stop(ConfigurableApplicationContext context, CountDownLatch stopped) {
        if (context.isActive()) {
            context.getBean(IntegrationFlowContext.class).getRegistry().values().forEach(flow -> flow.stop());
            int killed = context.getBean(RunningProcesses.class).stopAll();
            log.warn("stopping: {} process(es) of running builds ended", killed);
            // The builds whose processes just ended record that they stopped before the database closes.
            context.getBean("workerBuildSlots", SimpleAsyncTaskExecutor.class).close();
            context.close();
        }
        stopped.countDown();
    }
}
