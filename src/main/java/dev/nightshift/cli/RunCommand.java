package dev.nightshift.cli;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchLock;
import dev.nightshift.batch.BatchRequest;
import dev.nightshift.batch.BatchResult;
import dev.nightshift.batch.GracefulStop;
import dev.nightshift.batch.ProjectFilter;
import dev.nightshift.batch.StopSignals;
import dev.nightshift.batch.QuickBatch;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.Database;
import dev.nightshift.store.EarlyConnection;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift run}: one batch now. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one batch now: supervisor, build, maintenance, integration, report.")
class RunCommand implements Callable<Integer> {

    @ParentCommand
    NightshiftCommand parent;

    @Option(names = "--project", paramLabel = "P", description = "Work on this project only.")
    String project;

    @Option(names = "--dry-run", description = "Plan and report, but run no agent and push, open, move or mail nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Home home = parent.home();
        NightshiftSettings settings = SettingsFiles.readGlobal(home);
        // A project that cannot be worked on is bad usage: said before the lock, a record or Spring.
        if (project != null) {
            ProjectFilter.problem(home, WorkspaceReader.read(home, project), project).ifPresent(problem -> {
                throw new UsageProblem(problem);
            });
        }
        // The lock comes before anything else, so that a second batch exits at once and two
        // processes never start on the database together.
        Optional<BatchLock> lock = BatchLock.tryAcquire(home, settings);
        if (lock.isEmpty()) {
            System.err.println("nightshift: another batch holds the lock (" + BatchLock.holder(home) + ")");
            return BatchResult.LOCKED;
        }
        try {
            BatchRequest request = new BatchRequest("cli", dryRun, project);
            // Paused or idle: decided and recorded before Spring starts (the idle no-op, a fraction of a second).
            Optional<BatchResult> quick = QuickBatch.tryRun(home, settings, request, lock.get(), Clock.systemDefaultZone());
            if (quick.isPresent()) {
                System.out.println(quick.get().message());
                return quick.get().exitCode();
            }
            if (dryRun) {
                Database.leaveCompactionToBatches();
            }
            readQueueAside(home, project);
            // The embedded database opens on a second core too, while the context starts: its pool
            // then finds the database open (about a quarter of a second for a home of a year).
            try (EarlyConnection early = settings.database().shared() ? EarlyConnection.none() : EarlyConnection.start(home);
                 ConfigurableApplicationContext context = NightshiftContext.start(home, settings, NightshiftContext.Purpose.BATCH);
                 AutoCloseable signals = StopSignals.route(context.getBean(GracefulStop.class)::stop)) {
                BatchResult result = context.getBean(BatchLauncher.class).launch(request, lock.get());
                (result.exitCode() == BatchResult.OK ? System.out : System.err).println(result.message());
                return result.exitCode();
            }
        } finally {
            lock.get().close();
        }
    }

    /**
     * Reads the queue on a second core while the context starts: the launcher reads it again at
     * once and finds every spec parsed (thousands of specs take about a second to parse, the
     * context as long to start). Only the parse is kept; the launcher decides on its own read.
     * On one worker of its own: the reader's parallel stream would otherwise take both cores from
     * the context's start (the dry run of 200 projects took 4% longer).
     */
    private static void readQueueAside(Home home, String project) {
        ForkJoinPool oneCore = new ForkJoinPool(1);
        oneCore.execute(() -> {
            try {
                WorkspaceReader.read(home, project);
            } catch (RuntimeException ignored) {
                // The launcher's own read meets the same problem and says it.
            }
        });
        // Its worker ends after the read; like every pool worker it does not hold the JVM up.
        oneCore.shutdown();
    }
}
