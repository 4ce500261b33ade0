package dev.nightshift.supervisor;

import dev.nightshift.agent.AgentCommand;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.git.CommitIds;
import dev.nightshift.git.RemoteBranches;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.order.WorkOrderJson;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseReport;
import dev.nightshift.phase.PhaseWork;
import dev.nightshift.pr.ReviewStanding;
import dev.nightshift.spec.FailureStreaks;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WipJournal;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PlanEntry;
import dev.nightshift.store.Records;
import dev.nightshift.store.RiskKind;
import dev.nightshift.store.ReviewRepository;
import dev.nightshift.store.RiskRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase 1: ask the hosts which pull requests were merged or closed, record what is wrong with the
 * owner's files, name the risks of the last batches, and store the plan the build phase follows.
 * With {@code supervisor-agent} set, an advisory review follows the stored plan.
 */
@Component
public class SupervisorPhase implements PhaseWork {

    private static final Logger log = LoggerFactory.getLogger(SupervisorPhase.class);
    /** How many of wip.md's latest entries the agent's prompt shows. */
    private static final int JOURNAL_ENTRIES = 5;
    /**
     * Plans are stored a few projects at a time: one write for many is far cheaper, and a phase
     * cut short by its time limit still leaves the plans of all but the last few projects it
     * planned for the build.
     */
    static final int PLANS_PER_WRITE = 20;

    private final Home home;
    private final NightshiftSettings settings;
    private final DoneOracle oracle;
    private final PlanRepository plans;
    private final PullRequestRepository pullRequests;
    private final IntegrationRepository integration;
    private final FailureStreaks streaks;
    private final RiskFacts riskFacts;
    private final RiskRepository risks;
    private final SupervisorReview review;
    private final RemoteBranches remoteBranches;
    private final WorkOrders orders;
    private final WipJournal journal;
    private final ReviewIntake reviewIntake;
    private final ReviewRepository reviews;
    private final ProcessEnvironment environment;
    private final Clock clock;

    public SupervisorPhase(Home home, NightshiftSettings settings, DoneOracle oracle, PlanRepository plans,
                           PullRequestRepository pullRequests, IntegrationRepository integration,
                           FailureStreaks streaks, RiskFacts riskFacts, RiskRepository risks, SupervisorReview review,
                           RemoteBranches remoteBranches, WorkOrders orders, WipJournal journal,
                           ReviewIntake reviewIntake, ReviewRepository reviews, ProcessEnvironment environment,
                           Clock clock) {
        this.reviewIntake = reviewIntake;
        this.reviews = reviews;
        this.home = home;
        this.settings = settings;
        this.oracle = oracle;
        this.plans = plans;
        this.pullRequests = pullRequests;
        this.integration = integration;
        this.streaks = streaks;
        this.riskFacts = riskFacts;
        this.risks = risks;
        this.review = review;
        this.remoteBranches = remoteBranches;
        this.orders = orders;
        this.journal = journal;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public Phase phase() {
        return Phase.SUPERVISOR;
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

        // Read again only when the hosts' answers moved spec files.
        Workspace workspace = verdicts.stream().allMatch(v -> v.state() == PullRequestState.OPEN) ? before
                : WorkspaceReader.read(home, run.projectFilter());
        // Asked once for all projects, before anything is planned: what the owner wrote on the open
        // pull requests since the last batch, which specs ever weighed in a failure streak, and how
        // many pull requests each project has open.
        AskedOnce asked = new AskedOnce(reviewIntake.read(run, workspace), streaks.weighed(),
                pullRequests.countOpenPerProject());
        List<RiskRules.Found> found = RiskRules.assess(riskFacts.projects(workspace.projects(), run.startedAt(),
                        asked.weighed(), asked.openPullRequests()),
                riskFacts.home());
        for (RiskRules.Found risk : found) {
            risks.save(run.batchId(), risk.kind(), risk.project(), risk.spec(), risk.reason(), clock.instant());
            log.info("risk {}: {}", risk.kind(), risk.reason());
        }
        // An agent that cannot start would fail every project's build: no work, and the owner is told once.
        AgentCommand.Resolved agent = AgentCommand.resolve(settings.agent().command(), "agent.command", home.root(),
                environment.get("PATH"));
        if (!agent.startable()) {
            risks.save(run.batchId(), RiskKind.AGENT_COMMAND, null, null, agent.problem()
                    + ": no project gets agent work until it is installed, or agent.command names the program's full path",
                    clock.instant());
            log.warn("{}: no project gets agent work", agent.problem());
        }
        int planned = 0;
        List<PlanRepository.StoredPlan> unstored = new ArrayList<>();
        String[] recentJournal = new String[1];
        Supplier<String> journalLines = () -> recentJournal[0] != null ? recentJournal[0]
                : (recentJournal[0] = journal.recent(JOURNAL_ENTRIES));
        for (ProjectQueue project : workspace.projects()) {
            Planned plan = plan(run, project, journalLines, asked);
            PlanEntry entry = plan.entry();
            if (entry.hasWork() && !agent.startable()) {
                entry = new PlanEntry(run.batchId(), project.name(), null, null, null, agent.problem());
            }
            unstored.add(new PlanRepository.StoredPlan(new Records.QueueSnapshot(run.batchId(), project.name(),
                    project.in(SpecFolder.NEXT).size(), project.in(SpecFolder.ACTIVE).size(),
                    project.in(SpecFolder.DONE).size(), project.in(SpecFolder.BLOCKED).size()),
                    entry, entry.hasWork() ? WorkOrderJson.write(plan.order()) : null));
            if (unstored.size() == PLANS_PER_WRITE) {
                plans.store(unstored);
                unstored.clear();
            }
            log.info("plan for {}: {} ({})", project.name(), entry.hasWork() ? entry.spec() : "nothing", entry.reason());
            if (entry.hasWork()) {
                planned++;
            }
        }
        plans.store(unstored);
        String summary = verdicts.size() + " open PR(s) checked (" + merged + " merged, " + closed + " closed); "
                + (found.size() + (agent.startable() ? 0 : 1)) + " risk(s); " + planned + " of " + workspace.projects().size() + " project(s) planned";
        // The plan is stored above, before the reviewer runs: nothing it does can change it.
        return PhaseReport.done(review.review(run).map(line -> summary + "; " + line).orElse(summary));
    }

    /** The plan row of a project, and the work order when it gets work. */
    private record Planned(PlanEntry entry, WorkOrder order) {
    }

    /**
     * What the phase asks once for all projects instead of once per project.
     *
     * @param standings        what the owner's reviews since the last batch say, per pull request
     * @param weighed          the specs that ever weighed in a failure streak
     * @param openPullRequests how many pull requests each project has open
     */
    private record AskedOnce(Map<Long, ReviewStanding> standings, FailureStreaks.Weighed weighed,
                             Map<String, Integer> openPullRequests) {
    }

    private Planned plan(BatchRun run, ProjectQueue project, Supplier<String> journalLines, AskedOnce asked) {
        if (!project.usable()) {
            return new Planned(new PlanEntry(run.batchId(), project.name(), null, null, null,
                    "project.yml is not valid: " + project.settingsError().getMessage()), null);
        }
        ReadySpecs.History history = history(project, run, asked);
        Optional<ReviewFirst.Due> review = ReviewFirst.choose(project, history, settings.build().maxAttempts(),
                reviews::open);
        if (review.isPresent()) {
            ReviewFirst.Due due = review.get();
            WorkOrder order = orders.review(run, project, due,
                    history.failuresInARow().getOrDefault(due.spec().name(), 0), journalLines.get());
            return new Planned(new PlanEntry(run.batchId(), project.name(), due.spec().name(), order.task().text(), null,
                    "the owner's review comes first: " + order.intentReason()), order);
        }
        ReadySpecs.Choice choice = ReadySpecs.choose(project, settings.build(), history);
        if (!choice.hasWork()) {
            return new Planned(new PlanEntry(run.batchId(), project.name(), null, null, null, choice.reason()), null);
        }
        WorkOrders.Ordered ordered = orders.order(run, project, choice,
                history.failuresInARow().getOrDefault(choice.spec().name(), 0), journalLines.get(),
                history.branchOnRemote());
        if (ordered.order() == null) {
            return new Planned(new PlanEntry(run.batchId(), project.name(), null, null, null,
                    "no spec is ready: " + ordered.rejection()), null);
        }
        return new Planned(new PlanEntry(run.batchId(), project.name(), choice.spec().name(), choice.task().text(),
                choice.task().index(), choice.reason()), ordered.order());
    }

    private ReadySpecs.History history(ProjectQueue project, BatchRun run, AskedOnce asked) {
        // Per project, not per spec: a queue of thousands of specs is planned in a few queries.
        Map<String, Records.PullRequest> latest = pullRequests.latestPerSpec(project.name());
        latest.keySet().retainAll(project.all().stream().map(Spec::name).toList());
        Map<String, Integer> failures = new HashMap<>();
        streaks.of(project.name(), project.all(), settings.build().maxAttempts() + 1, asked.weighed())
                .forEach((spec, streak) -> failures.put(spec, streak.size()));
        var lastIntegration = integration.latest(project.name());
        boolean red = lastIntegration.map(r -> !r.passed()).orElse(false);
        String why = lastIntegration.filter(r -> !r.passed())
                .map(r -> "integration " + (r.timedOut() ? "timed out" : "failed") + " at " + CommitIds.shortId(r.commitSha()))
                .orElse(null);
        Path gitLog = home.batchLogs(run.batchId()).resolve("supervisor-git.log");
        // A closed pull request's spec stays out of work while its branch is still on the remote (issue 3).
        Set<String> approved = latest.values().stream()
                .filter(pr -> asked.standings().get(pr.id()) == ReviewStanding.APPROVED).map(Records.PullRequest::spec)
                .collect(Collectors.toSet());
        return new ReadySpecs.History(latest, failures, asked.openPullRequests().getOrDefault(project.name(), 0), red, why,
                branch -> remoteBranches.of(project.settings().repo(), branch, home.root(), gitLog)
                        != RemoteBranches.Presence.ABSENT, approved);
    }
}
