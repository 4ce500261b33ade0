package dev.nightshift.build;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.agent.PromptRenderer;
import dev.nightshift.agent.PromptRenderer.PromptFacts;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.FolderProcesses;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.CandidateCommits;
import dev.nightshift.git.GitException;
import dev.nightshift.git.RepositoryClones;
import dev.nightshift.git.Worktrees;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.GitHubException;
import dev.nightshift.pr.ClosedPullRequestRule;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.spec.WipJournal;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.PlanEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One project's build in one batch: the planned spec's task on its branch, brought up to date,
 * the agent, the guards on its change, the gate, and on a pass the publication. Nothing is pushed
 * unless the guards and the gate passed; work that did not pass is kept on the local branch.
 */
@Component
public class ProjectBuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectBuild.class);
    private static final Duration MIN_TIME_FOR_A_FIX = Duration.ofSeconds(30);
    static final String STOPPED_DETAIL = "nightshift was told to stop; the work was kept on the local branch";

    private final Home home;
    private final NightshiftSettings settings;
    private final RepositoryClones clones;
    private final Worktrees worktrees;
    private final BranchWork branches;
    private final AgentRunner agents;
    private final PromptRenderer prompts;
    private final MergeConflicts merges;
    private final ClosedPullRequests closed;
    private final GreenBase greenBase;
    private final ChangeGuards guards;
    private final CandidateCommits candidates;
    private final CleanGate cleanGate;
    private final AgentLeftovers leftovers;
    private final ChangedHome changedHome;
    private final Publication publication;
    private final PullRequestHosts hosts;
    private final FollowUps followUps;
    private final SpecMover mover;
    private final WipJournal journal;
    private final PreviousFailure previousFailure;
    private final ProcessDeadline deadline;
    private final RunningProcesses running;
    private final Clock clock;

    public ProjectBuild(Home home, NightshiftSettings settings, RepositoryClones clones, Worktrees worktrees,
                        BranchWork branches, AgentRunner agents, PromptRenderer prompts, MergeConflicts merges,
                        ClosedPullRequests closed, GreenBase greenBase, ChangeGuards guards,
                        CandidateCommits candidates, CleanGate cleanGate, AgentLeftovers leftovers,
                        ChangedHome changedHome, Publication publication, PullRequestHosts hosts, FollowUps followUps, SpecMover mover,
                        WipJournal journal, PreviousFailure previousFailure, ProcessDeadline deadline,
                        RunningProcesses running, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.clones = clones;
        this.worktrees = worktrees;
        this.branches = branches;
        this.agents = agents;
        this.prompts = prompts;
        this.merges = merges;
        this.closed = closed;
        this.greenBase = greenBase;
        this.guards = guards;
        this.candidates = candidates;
        this.cleanGate = cleanGate;
        this.leftovers = leftovers;
        this.changedHome = changedHome;
        this.publication = publication;
        this.hosts = hosts;
        this.followUps = followUps;
        this.mover = mover;
        this.journal = journal;
        this.previousFailure = previousFailure;
        this.deadline = deadline;
        this.running = running;
        this.clock = clock;
    }

    public BuildResult build(BatchRun run, PlanEntry entry) {
        BuildTally tally = new BuildTally(run, entry, clock);
        Path logs = home.batchLogs(run.batchId());
        Path gitLog = logs.resolve("git-" + entry.project() + ".log");
        Optional<ProjectQueue> found = WorkspaceReader.read(home, entry.project()).project(entry.project());
        Optional<Spec> planned = found.flatMap(p -> p.find(entry.spec()))
                .filter(s -> s.folder() == SpecFolder.NEXT || s.folder() == SpecFolder.ACTIVE);
        if (found.isEmpty() || !found.get().usable() || planned.isEmpty()) {
            return tally.result(BuildOutcome.FAILED, "the planned spec " + entry.spec() + " is no longer queued");
        }
        ProjectQueue project = found.get();
        Spec spec = planned.get();
        SpecTask task = spec.tasks().stream().filter(t -> t.text().equals(entry.task()) && !t.done()).findFirst()
                .orElse(spec.nextTask().orElse(null));
        if (task == null) {
            return tally.result(BuildOutcome.FAILED, "the planned task is no longer open in " + spec.file());
        }
        if (run.dryRun()) {
            log.info("DRY-RUN: would run the agent on {}/{}: {}", project.name(), spec.name(), task.text());
            return tally.result(BuildOutcome.SKIPPED, "dry run: would run the agent on \"" + task.text() + "\"");
        }
        try {
            return work(tally, project, spec, task, logs, gitLog);
        } catch (GitException e) {
            return tally.result(BuildOutcome.FAILED, "git: " + e.getMessage());
        } catch (GitHubException e) {
            return tally.result(BuildOutcome.FAILED, "GitHub: " + e.getMessage());
        }
    }

    private BuildResult work(BuildTally tally, ProjectQueue project, Spec spec, SpecTask task, Path logs, Path gitLog) {
        String batchId = tally.run.batchId();
        Path clone = clones.ensure(project.name(), project.settings(), gitLog);
        HostProject hostProject = new HostProject(project.name(), project.settings(), clone, gitLog);
        ClosedPullRequestRule.Decision rejected = closed.decide(spec, hosts.forKind(project.settings().pr().host()), hostProject);
        switch (rejected.verdict()) {
            case REJECTED -> {
                mover.move(spec, SpecFolder.BLOCKED, rejected.reason(), batchId, false);
                return tally.result(BuildOutcome.SKIPPED, rejected.reason());
            }
            case AFRESH -> {
                log.info("{}/{}: {}", project.name(), spec.name(), rejected.reason());
                closed.setAside(clone, home.worktree(project.name(), spec.name()), spec, rejected.number(), gitLog);
            }
            case REOPENED -> log.info("{}/{}: {}", project.name(), spec.name(), rejected.reason());
            case NOT_CLOSED -> log.debug("{}/{}: no closed pull request", project.name(), spec.name());
        }
        // Before any agent run: a test command that fails on base would fail every gate, and the spec would pay.
        Optional<String> redBase = greenBase.problem(batchId, project, clone, logs);
        if (redBase.isPresent()) {
            return tally.result(BuildOutcome.FAILED, redBase.get());
        }
        Path worktree = worktrees.prepare(clone, project.name(), spec.name(), spec.branch(), project.settings().base(),
                gitLog).path();
        HomeFingerprint.Print before = changedHome.before(clone, gitLog);
        MergeConflicts.Result merge = merges.bringUpToDate(batchId, project, spec, clone, worktree, logs, gitLog);
        tally.addAgent(merge.agentTime(), merge.cost());
        Optional<String> changed = changedHome.holdIfChanged(before, clone, spec, project.settings().base(), batchId, null,
                gitLog);
        if (changed.isPresent()) {
            return journalled(tally, spec, task, BuildOutcome.GUARD_HELD, changed.get());
        }
        if (merge.status() == MergeConflicts.Status.BUDGET_STOPPED) {
            return tally.result(BuildOutcome.BUDGET_STOPPED, merge.detail());
        }
        if (merge.status() == MergeConflicts.Status.STOPPED) {
            return journalled(tally, spec, task, BuildOutcome.STOPPED, STOPPED_DETAIL);
        }
        if (merge.status() == MergeConflicts.Status.AGENT_NOT_STARTED
                || merge.status() == MergeConflicts.Status.AGENT_SERVICE_FAILED) {
            return tally.result(BuildOutcome.FAILED, merge.detail());
        }
        if (merge.status() == MergeConflicts.Status.CONFLICT) {
            String why = "Bringing " + spec.branch() + " up to date failed: " + merge.detail() + ".\n\nConflicting files: "
                    + (merge.files().isEmpty() ? "(none named by git)" : String.join(", ", merge.files()))
                    + ".\n\nResolve it on the branch, then move the spec back.";
            mover.move(spec, SpecFolder.BLOCKED, why, batchId, false);
            return journalled(tally, spec, task, BuildOutcome.CONFLICT, why);
        }
        // The agent's copy: a repository of its own, of which nightshift reads nothing but files.
        worktrees.workingCopy(clone, worktree, spec.branch(), List.of(), gitLog);
        String failure = previousFailure.tail(project.name(), spec.name());
        int attempts = 1 + settings.build().fixAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && deadline.remaining().compareTo(MIN_TIME_FOR_A_FIX) < 0) {
                log.info("no time left in the phase for another fix attempt on {}/{}", project.name(), spec.name());
                break;
            }
            Path agentLog = logs.resolve("agent-" + project.name() + "-" + attempt + ".log");
            before = changedHome.before(clone, gitLog);
            AgentRunner.Outcome agent = agents.run(new AgentRunner.Request(batchId, project.name(), spec.name(),
                    task.text(), attempt == 1 ? "build" : "fix", attempt, worktree,
                    prompt(project, spec, task, clone, gitLog, failure), agentLog, settings.timeouts().agent()));
            tally.addAgent(agent.elapsed(), agent.result().costUsd());
            // Nothing of the agent's may still change the copy while nightshift reads it.
            FolderProcesses.killInside(worktree);
            changed = changedHome.holdIfChanged(before, clone, spec, project.settings().base(), batchId, null, gitLog);
            if (changed.isPresent()) {
                return journalled(tally, spec, task, BuildOutcome.GUARD_HELD, changed.get());
            }
            // Only the run whose gate passes files discovered work: what other runs left is dropped.
            AgentLeftovers.Left left = leftovers.take(worktree);
            tally.note = Optional.ofNullable(left.note()).orElse(tally.note);
            switch (agent.status()) {
                case BUDGET_STOPPED -> {
                    return tally.result(BuildOutcome.BUDGET_STOPPED, agent.result().summary());
                }
                case NOT_STARTED -> {
                    // A setup problem (agent.command), not the spec's failure: it does not count.
                    return tally.result(BuildOutcome.FAILED, agent.result().summary());
                }
                case STOPPED -> {
                    keepWork(clone, worktree, spec, task, "nightshift was told to stop", gitLog);
                    return journalled(tally, spec, task, BuildOutcome.STOPPED, STOPPED_DETAIL);
                }
                case TIMED_OUT -> {
                    keepWork(clone, worktree, spec, task, "the agent timed out", gitLog);
                    return journalled(tally, spec, task, BuildOutcome.TIMED_OUT,
                            "the agent " + FailureDetail.of(agent.result().summary(), agentLog, home.root()));
                }
                case SERVICE_FAILED -> {
                    // Not the spec's failure; a fix attempt's, after the gate failed, leaves that failure standing.
                    keepWork(clone, worktree, spec, task, "the agent's run failed: " + agent.result().cause(), gitLog);
                    String detail = ServiceFailure.detail(agent.result(), agentLog, home.root());
                    return tally.lastGate != null
                            ? journalled(tally, spec, task, tally.lastGate.failedOutcome(), tally.lastGate.thenFixFailed(detail))
                            : journalled(tally, spec, task, ServiceFailure.outcome(agent.result().cause()), detail);
                }
                case FAILED -> {
                    keepWork(clone, worktree, spec, task, "the agent failed", gitLog);
                    String detail = "the agent " + FailureDetail.of(agent.result().summary(), agentLog, home.root());
                    return tally.lastGate != null
                            ? journalled(tally, spec, task, tally.lastGate.failedOutcome(), tally.lastGate.thenFixFailed(detail))
                            : journalled(tally, spec, task, BuildOutcome.AGENT_FAILED, detail);
                }
                case SUCCEEDED -> {
                    // One fixed commit, made by nightshift from the copy's files, is judged, tested and pushed.
                    String candidate = candidates.commit(clone, worktree, spec.branch(),
                            List.of(branches.tip(clone, spec.branch(), gitLog)), spec.name() + ": " + task.text(), gitLog)
                            .orElseGet(() -> branches.tip(clone, spec.branch(), gitLog));
                    ChangeGuards.Verdict verdict = guards.check(clone, candidate, project.settings(), spec, task, gitLog);
                    if (!verdict.passed()) {
                        return held(tally, project, spec, task, clone, candidate, verdict, gitLog);
                    }
                    if (verdict.change().isEmpty()) {
                        return tally.lastGate != null ? journalled(tally, spec, task, tally.lastGate.failedOutcome(),
                                tally.lastGate.thenFixFailed("the agent changed nothing"))
                                : journalled(tally, spec, task, BuildOutcome.AGENT_FAILED, "the agent changed nothing");
                    }
                    before = changedHome.before(clone, gitLog);
                    tally.lastGate = cleanGate.run(new TestGate.Where(batchId, project.settings(), spec, worktree, clone,
                            logs, attempt), candidate, gitLog);
                    changed = changedHome.holdIfChanged(before, clone, spec, project.settings().base(), batchId,
                            candidate, gitLog);
                    if (changed.isPresent()) {
                        return journalled(tally, spec, task, BuildOutcome.GUARD_HELD, changed.get());
                    }
                    if (tally.lastGate.passed()) {
                        tally.followUps.addAll(followUps.file(left.followUps(), project).names());
                        return publish(tally, project, spec, task, clone, candidate, gitLog);
                    }
                    if (running.stopping()) {
                        // The stop killed the tests: their failure says nothing about the work.
                        return journalled(tally, spec, task, BuildOutcome.STOPPED, STOPPED_DETAIL);
                    }
                    failure = tally.lastGate.reason() + "\n\n" + tally.lastGate.tail();
                    journal(tally, spec, task, tally.lastGate.failedOutcome().label() + " (attempt " + attempt + "): "
                            + tally.lastGate.reason());
                }
            }
        }
        return tally.lastGate == null ? tally.result(BuildOutcome.TESTS_FAILED, "no gate ran")
                : tally.result(tally.lastGate.failedOutcome(), tally.lastGate.reason());
    }

    private BuildResult held(BuildTally tally, ProjectQueue project, Spec spec, SpecTask task, Path clone,
                             String candidate, ChangeGuards.Verdict verdict, Path gitLog) {
        String heldBranch = guards.hold(clone, spec, candidate, project.settings().base(), tally.run.batchId(), gitLog);
        String why = "The agent's change for \"" + task.text() + "\" was held for a human; nothing was pushed.\n\n"
                + ChangeGuards.describe(verdict.breaches()) + "\nThe held change is on the local branch `" + heldBranch
                + "` of nightshift's clone (" + home.root().relativize(home.clone(project.name())) + "), never pushed;"
                + " the spec's branch was put back to what was last published. Move the spec back to next/ to try again.";
        mover.move(spec, SpecFolder.BLOCKED, why, tally.run.batchId(), false);
        String detail = verdict.breaches().stream()
                .map(b -> b.guard() + " (" + String.join(", ", b.files()) + ")").reduce((a, b) -> a + "; " + b).orElse("");
        return journalled(tally, spec, task, BuildOutcome.GUARD_HELD, detail);
    }

    private BuildResult publish(BuildTally tally, ProjectQueue project, Spec spec, SpecTask task, Path clone,
                                String tested, Path gitLog) {
        try {
            PullRequestReuse.Published published = publication.publish(tally.run, project, spec,
                    new Publication.Work(task, tally.lastGate, tally.note, tally.followUps), clone, tested, gitLog);
            BuildOutcome outcome = published.opened() ? BuildOutcome.PR_OPENED : BuildOutcome.PR_UPDATED;
            return journalled(tally, spec, task, outcome, null, published);
        } catch (GitException | GitHubException e) {
            return journalled(tally, spec, task, BuildOutcome.FAILED, "could not publish: " + e.getMessage());
        }
    }

    private String prompt(ProjectQueue project, Spec spec, SpecTask task, Path clone, Path gitLog, String failure) {
        String notes = null;
        try {
            notes = Files.isRegularFile(project.notesFile())
                    ? Files.readString(project.notesFile(), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            log.warn("cannot read {}: {}", project.notesFile(), e.getMessage());
        }
        return prompts.render(new PromptFacts(project.name(), spec.name(), spec.title(), spec.body(), task.text(),
                notes, journal.recent(5), branches.recentLog(clone, spec.branch(), gitLog), failure, FollowUps.LIMIT));
    }

    /**
     * Work is never thrown away: it stays, unpushed, on the local branch, where the next attempt
     * starts; kept the same way as a candidate, from the copy's files.
     */
    private void keepWork(Path clone, Path worktree, Spec spec, SpecTask task, String why, Path gitLog) {
        try {
            if (candidates.commit(clone, worktree, spec.branch(), List.of(branches.tip(clone, spec.branch(), gitLog)),
                    "nightshift: unfinished work on \"" + task.text() + "\" (" + why + ")", gitLog).isPresent()) {
                log.info("kept the unfinished work as a local commit ({})", why);
            }
        } catch (GitException e) {
            log.warn("could not keep the unfinished work: {}", e.getMessage());
        }
    }

    private BuildResult journalled(BuildTally tally, Spec spec, SpecTask task, BuildOutcome outcome, String detail) {
        return journalled(tally, spec, task, outcome, detail, null);
    }

    private BuildResult journalled(BuildTally tally, Spec spec, SpecTask task, BuildOutcome outcome, String detail,
                                   PullRequestReuse.Published published) {
        journal(tally, spec, task, outcome.label());
        return tally.result(outcome, detail, published);
    }

    private void journal(BuildTally tally, Spec spec, SpecTask task, String outcome) {
        String note = tally.note;
        if (!tally.followUps.isEmpty()) {
            note = (note == null ? "" : note + "\n\n") + "Filed as follow-ups in next/: " + String.join(", ", tally.followUps);
        }
        journal.append(ZonedDateTime.now(clock), spec.project(), spec.name(), task.text(), outcome, note);
    }
}
