package dev.nightshift.supervisor;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.git.RemoteBranches;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseReport;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records;
import dev.nightshift.store.Records.PlanEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Phase 1: ask the hosts which pull requests were merged or closed, record what the queue looks
 * like and what is wrong with the owner's files, and store the plan the build phase follows.
 */
@Component
public class SupervisorPhase implements Phase {

    private final Home home;
    private final NightshiftSettings settings;
    private final DoneOracle oracle;
    private final PlanRepository plans;
    private final PullRequestRepository pullRequests;
    private final BuildRepository builds;
    private final IntegrationRepository integration;
    private final RemoteBranches remoteBranches;

    public SupervisorPhase(Home home, NightshiftSettings settings, DoneOracle oracle, PlanRepository plans,
                           PullRequestRepository pullRequests, BuildRepository builds,
                           IntegrationRepository integration, RemoteBranches remoteBranches) {
        this.home = home;
        this.settings = settings;
        this.oracle = oracle;
        this.plans = plans;
        this.pullRequests = pullRequests;
        this.builds = builds;
        this.integration = integration;
        this.remoteBranches = remoteBranches;
    }

    @Override
    public String name() {
        return "supervisor";
    }

    @Override
    public PhaseReport run(BatchRun run) {
        Workspace before = WorkspaceReader.read(home, run.projectFilter());
        for (FileProblem problem : before.allProblems()) {
            plans.problem(new Records.InputProblem(run.batchId(), problem.project(),
                    home.root().relativize(problem.file().toAbsolutePath()).toString(),
                    problem.line() > 0 ? problem.line() : null, problem.message()));
        }
        List<DoneOracle.Verdict> verdicts = oracle.check(run, before);
        long merged = verdicts.stream().filter(v -> v.state() == PullRequestState.MERGED).count();
        long closed = verdicts.stream().filter(v -> v.state() == PullRequestState.CLOSED).count();

        Workspace workspace = WorkspaceReader.read(home, run.projectFilter());
        int planned = 0;
        for (ProjectQueue project : workspace.projects()) {
            plans.snapshot(new Records.QueueSnapshot(run.batchId(), project.name(),
                    project.in(SpecFolder.NEXT).size(), project.in(SpecFolder.ACTIVE).size(),
                    project.in(SpecFolder.DONE).size(), project.in(SpecFolder.BLOCKED).size()));
            if (!project.usable()) {
                plans.save(new PlanEntry(run.batchId(), project.name(), null, null, null,
                        "project.yml is not valid: " + project.settingsError().getMessage()));
                continue;
            }
            ReadySpecs.Choice choice = ReadySpecs.choose(project, settings.build(), history(project, run));
            plans.save(new PlanEntry(run.batchId(), project.name(),
                    choice.hasWork() ? choice.spec().name() : null,
                    choice.hasWork() ? choice.task().text() : null,
                    choice.hasWork() ? choice.task().index() : null,
                    choice.reason()));
            if (choice.hasWork()) {
                planned++;
            }
        }
        return PhaseReport.done(verdicts.size() + " open PR(s) checked (" + merged + " merged, " + closed
                + " closed); " + planned + " of " + workspace.projects().size() + " project(s) planned");
    }

    private ReadySpecs.History history(ProjectQueue project, BatchRun run) {
        Map<String, Records.PullRequest> latest = new HashMap<>();
        Map<String, Integer> failures = new HashMap<>();
        for (Spec spec : project.all()) {
            pullRequests.latestForSpec(project.name(), spec.name()).ifPresent(pr -> latest.put(spec.name(), pr));
            // batches before nightshift last moved the spec to blocked/ do not count: moving it back is a fresh start
            failures.put(spec.name(), builds.failuresInARow(project.name(), spec.name(), settings.build().maxAttempts() + 1));
        }
        var lastIntegration = integration.latest(project.name());
        boolean red = lastIntegration.map(r -> !r.passed()).orElse(false);
        String why = lastIntegration.filter(r -> !r.passed())
                .map(r -> "integration failed at " + r.commitSha().substring(0, Math.min(10, r.commitSha().length())))
                .orElse(null);
        Path gitLog = home.batchLogs(run.batchId()).resolve("supervisor-git.log");
        return new ReadySpecs.History(latest, failures, pullRequests.countOpen(project.name()), red, why,
                branch -> remoteBranches.of(project.settings().repo(), branch, home.root(), gitLog)
                        != RemoteBranches.Presence.ABSENT);
    }
}
