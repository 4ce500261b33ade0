package dev.nightshift.integration;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.git.CommitIds;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import dev.nightshift.git.RepositoryClones;
import dev.nightshift.git.Worktrees;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseReport;
import dev.nightshift.phase.PhaseWork;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.Records.IntegrationRun;
import dev.nightshift.testcount.TestCommand;
import dev.nightshift.testcount.TestCounts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase 4: for each project whose base moved since its last tested commit, run its
 * {@code integration} command on a checkout of the new head, and record its result with the tests
 * it ran (the base count for the build gate). A red result keeps new agent work off that project
 * until a later run is green.
 */
@Component
public class IntegrationPhase implements PhaseWork {

    private static final Logger log = LoggerFactory.getLogger(IntegrationPhase.class);

    private final Home home;
    private final NightshiftSettings settings;
    private final RepositoryClones clones;
    private final Worktrees worktrees;
    private final Git git;
    private final TestCommand tests;
    private final Sandbox sandbox;
    private final IntegrationRepository runs;
    private final Clock clock;

    public IntegrationPhase(Home home, NightshiftSettings settings, RepositoryClones clones, Worktrees worktrees,
                            Git git, TestCommand tests, Sandbox sandbox, IntegrationRepository runs, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.clones = clones;
        this.worktrees = worktrees;
        this.git = git;
        this.tests = tests;
        this.sandbox = sandbox;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public Phase phase() {
        return Phase.INTEGRATION;
    }

    @Override
    public PhaseReport run(BatchRun run) {
        List<String> done = new ArrayList<>();
        int withIntegration = 0;
        for (ProjectQueue project : WorkspaceReader.readSettings(home, run.projectFilter()).projects()) {
            if (!project.usable() || project.settings().integration() == null) {
                continue;
            }
            withIntegration++;
            Path logs = home.batchLogs(run.batchId());
            Path gitLog = logs.resolve("integration-git-" + project.name() + ".log");
            try {
                Path clone = clones.ensure(project.name(), project.settings(), gitLog);
                String head = git.out(clone, gitLog, "rev-parse", "refs/remotes/origin/" + project.settings().base());
                Optional<IntegrationRun> last = runs.latest(project.name());
                if (last.isPresent() && last.get().commitSha().equals(head)) {
                    continue;
                }
                if (run.dryRun()) {
                    log.info("DRY-RUN: would run the integration tests of {} at {}", project.name(), head);
                    continue;
                }
                if (sandbox.problem().isPresent()) {
                    done.add(project.name() + " not run (" + sandbox.problem().get() + ")");
                    continue;
                }
                done.add(project.name() + (runOne(run, project, clone, head, logs, gitLog) ? " green" : " RED"));
            } catch (GitException e) {
                log.warn("integration of {} could not start: {}", project.name(), e.getMessage());
                done.add(project.name() + " not run (" + e.getMessage() + ")");
            }
        }
        if (withIntegration == 0) {
            return PhaseReport.skipped("no project sets an integration command");
        }
        return done.isEmpty() ? PhaseReport.skipped("no base moved since its last integration run")
                : PhaseReport.done(String.join(", ", done));
    }

    private boolean runOne(BatchRun run, ProjectQueue project, Path clone, String head, Path logs, Path gitLog) {
        Instant started = clock.instant();
        Path checkout = worktrees.checkout(clone, project.name(), "integration", head, gitLog);
        Path log = logs.resolve("integration-" + project.name() + ".log");
        String command = project.settings().integration();
        // The owner's test-reports: name what the test command writes; the same command writes the same.
        List<String> reports = command.strip().equals(project.settings().test().strip())
                ? project.settings().testReports() : List.of();
        try {
            TestCommand.Result result = tests.run(new TestCommand.Run("integration", command, checkout, reports,
                    settings.timeouts().integration(), log, gitLog));
            Optional<TestCounts> counts = result.counts();
            ProcessResult process = result.process();
            boolean green = process.succeeded() && counts.map(c -> c.unsuccessful() == 0).orElse(true);
            runs.save(new IntegrationRun(null, run.batchId(), project.name(), head, started, clock.instant(),
                    process.exitCode(), process.timedOut(), green,
                    counts.map(TestCounts::run).orElse(null), counts.map(TestCounts::passed).orElse(null),
                    counts.map(TestCounts::unsuccessful).orElse(null),
                    home.root().relativize(log.toAbsolutePath()).toString(), process.tail()));
            IntegrationPhase.log.info("integration of {} at {}: {}{}", project.name(), CommitIds.shortId(head),
                    green ? "green" : "red", counts.map(c -> " (" + c.describe() + ", from the " + c.source() + ")").orElse(""));
            return green;
        } finally {
            worktrees.remove(clone, checkout, gitLog);
        }
    }
}
