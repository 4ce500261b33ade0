package dev.nightshift.build;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.agent.PromptRenderer;
import dev.nightshift.agent.PromptRenderer.PromptFacts;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.git.GitException;
import dev.nightshift.git.RepositoryClones;
import dev.nightshift.git.Worktrees;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.spec.SpecTicker;
import dev.nightshift.spec.WipJournal;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.PlanEntry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One project's build in one batch: the planned spec's task on its branch, the agent, the gate,
 * and on a pass the push and the pull request. Nothing is pushed unless the gate passed.
 */
@Component
public class ProjectBuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectBuild.class);
    private static final Duration MIN_TIME_FOR_A_FIX = Duration.ofSeconds(30);

    private final Home home;
    private final NightshiftSettings settings;
    private final RepositoryClones clones;
    private final Worktrees worktrees;
    private final BranchWork branches;
    private final AgentRunner agents;
    private final PromptRenderer prompts;
    private final TestGate gate;
    private final PullRequestReuse reuse;
    private final PullRequestHosts hosts;
    private final SpecMover mover;
    private final SpecTicker ticker;
    private final WipJournal journal;
    private final BuildRepository builds;
    private final ProcessDeadline deadline;
    private final Clock clock;

    public ProjectBuild(Home home, NightshiftSettings settings, RepositoryClones clones, Worktrees worktrees,
                        BranchWork branches, AgentRunner agents, PromptRenderer prompts, TestGate gate,
                        PullRequestReuse reuse, PullRequestHosts hosts, SpecMover mover, SpecTicker ticker,
                        WipJournal journal, BuildRepository builds, ProcessDeadline deadline, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.clones = clones;
        this.worktrees = worktrees;
        this.branches = branches;
        this.agents = agents;
        this.prompts = prompts;
        this.gate = gate;
        this.reuse = reuse;
        this.hosts = hosts;
        this.mover = mover;
        this.ticker = ticker;
        this.journal = journal;
        this.builds = builds;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** What one build accumulated on its way; becomes the stored result. */
    private final class Tally {
        final BatchRun run;
        final PlanEntry entry;
        final Instant started = clock.instant();
        long agentMillis;
        BigDecimal cost;
        GateResult lastGate;
        String note;

        Tally(BatchRun run, PlanEntry entry) {
            this.run = run;
            this.entry = entry;
        }

        BuildResult result(BuildOutcome outcome, String detail) {
            return result(outcome, detail, null);
        }

        BuildResult result(BuildOutcome outcome, String detail, PullRequestReuse.Published published) {
            return new BuildResult(run.batchId(), entry.project(), entry.spec(), entry.task(), outcome, detail,
                    lastGate != null && !lastGate.passed() ? lastGate.tail() : null,
                    published != null ? published.prId() : null, published != null ? published.action() : null,
                    agentMillis, cost, lastGate != null ? lastGate.testsRun() : null,
                    lastGate != null ? lastGate.testsPassed() : null, note, started, clock.instant());
        }
    }

    public BuildResult build(BatchRun run, PlanEntry entry) {
        Tally tally = new Tally(run, entry);
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

        Path clone;
        Worktrees.Prepared worktree;
        try {
            clone = clones.ensure(project.name(), project.settings(), gitLog);
            worktree = worktrees.prepare(clone, project.name(), spec.name(), spec.branch(), project.settings().base(), gitLog);
        } catch (GitException e) {
            return tally.result(BuildOutcome.FAILED, "git: " + e.getMessage());
        }
        BranchWork.Merge merge = branches.mergeLatest(worktree.path(), spec.branch(), project.settings().base(), gitLog);
        if (!merge.clean()) {
            String why = "Merging the latest " + project.settings().base() + " into " + spec.branch()
                    + " conflicts in: " + String.join(", ", merge.conflicts()) + ". Resolve it on the branch, then move the spec back.";
            mover.move(spec, SpecFolder.BLOCKED, why, run.batchId(), false);
            return tally.result(BuildOutcome.CONFLICT, why);
        }

        String failure = previousFailure(project.name(), spec.name());
        int attempts = 1 + settings.build().fixAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && deadline.remaining().compareTo(MIN_TIME_FOR_A_FIX) < 0) {
                log.info("no time left in the phase for another fix attempt on {}/{}", project.name(), spec.name());
                break;
            }
            String purpose = attempt == 1 ? "build" : "fix";
            AgentRunner.Outcome agent = agents.run(new AgentRunner.Request(run.batchId(), project.name(), spec.name(),
                    task.text(), purpose, attempt, worktree.path(),
                    prompt(project, spec, task, worktree.path(), gitLog, failure),
                    logs.resolve("agent-" + project.name() + "-" + attempt + ".log"), settings.timeouts().agent()));
            tally.agentMillis += agent.elapsed().toMillis();
            if (agent.result().costUsd() != null) {
                tally.cost = (tally.cost == null ? BigDecimal.ZERO : tally.cost).add(agent.result().costUsd());
            }
            tally.note = Optional.ofNullable(branches.takeNote(worktree.path())).orElse(tally.note);
            switch (agent.status()) {
                case BUDGET_STOPPED -> {
                    return tally.result(BuildOutcome.BUDGET_STOPPED, agent.result().summary());
                }
                case TIMED_OUT -> {
                    keepWork(worktree.path(), task, "the agent timed out", gitLog);
                    return journalled(tally, spec, task, BuildOutcome.TIMED_OUT, "the agent " + agent.result().summary());
                }
                case FAILED -> {
                    keepWork(worktree.path(), task, "the agent failed", gitLog);
                    return journalled(tally, spec, task, BuildOutcome.AGENT_FAILED, "the agent " + agent.result().summary());
                }
                case SUCCEEDED -> {
                    tally.lastGate = gate.run(run.batchId(), project.settings(), spec, worktree.path(), logs, attempt);
                    if (tally.lastGate.passed()) {
                        return publish(tally, project, spec, task, clone, worktree.path(), gitLog);
                    }
                    failure = tally.lastGate.tail();
                    journal(tally, spec, task, "tests failed (attempt " + attempt + ")");
                }
            }
        }
        keepWork(worktree.path(), task, "tests failed", gitLog);
        return tally.result(BuildOutcome.TESTS_FAILED, tally.lastGate == null ? "no gate ran" : tally.lastGate.reason());
    }

    private BuildResult publish(Tally tally, ProjectQueue project, Spec spec, SpecTask task, Path clone, Path worktree,
                                Path gitLog) {
        try {
            branches.commitAll(worktree, spec.name() + ": " + task.text(), gitLog);
            if (branches.commitsAhead(worktree, project.settings().base(), gitLog) == 0) {
                return journalled(tally, spec, task, BuildOutcome.AGENT_FAILED,
                        "the agent changed nothing: the branch has no commit beyond " + project.settings().base());
            }
            String head = branches.head(worktree, gitLog);
            branches.push(worktree, spec.branch(), gitLog);
            HostProject hostProject = new HostProject(project.name(), project.settings(), clone, gitLog);
            PullRequestReuse.Published published = reuse.publish(tally.run,
                    hosts.forKind(project.settings().pr().host()), hostProject, spec.name(), spec.branch(),
                    spec.title(), head, PullRequestText.body(spec, task, tally.lastGate, tally.run.batchId()),
                    PullRequestText.comment(task, tally.lastGate, tally.note, tally.run.batchId()));
            ticker.tick(spec, task, false);
            if (spec.folder() == SpecFolder.NEXT) {
                mover.move(spec, SpecFolder.ACTIVE, "work started on " + spec.branch(), tally.run.batchId(), false);
            }
            BuildOutcome outcome = published.opened() ? BuildOutcome.PR_OPENED : BuildOutcome.PR_UPDATED;
            return journalled(tally, spec, task, outcome, null, published);
        } catch (GitException e) {
            return journalled(tally, spec, task, BuildOutcome.FAILED, "could not publish: " + e.getMessage());
        }
    }

    private String prompt(ProjectQueue project, Spec spec, SpecTask task, Path worktree, Path gitLog, String failure) {
        String notes = null;
        try {
            notes = Files.isRegularFile(project.notesFile())
                    ? Files.readString(project.notesFile(), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            log.warn("cannot read {}: {}", project.notesFile(), e.getMessage());
        }
        return prompts.render(new PromptFacts(project.name(), spec.name(), spec.title(), spec.body(), task.text(),
                notes, journal.recent(5), branches.recentLog(worktree, gitLog), failure, 3));
    }

    /** The tail of this spec's last failed gate, when its last build failed: the next attempt starts from it. */
    private String previousFailure(String project, String spec) {
        return builds.recentForSpec(project, spec, 1).stream()
                .filter(r -> r.outcome() == BuildOutcome.TESTS_FAILED && r.testTail() != null)
                .map(BuildResult::testTail).findFirst().orElse(null);
    }

    /** Work is never thrown away: it stays, unpushed, on the local branch, where the next attempt starts. */
    private void keepWork(Path worktree, SpecTask task, String why, Path gitLog) {
        try {
            if (branches.commitAll(worktree, "nightshift: unfinished work on \"" + task.text() + "\" (" + why + ")", gitLog)) {
                log.info("kept the unfinished work as a local commit ({})", why);
            }
        } catch (GitException e) {
            log.warn("could not keep the unfinished work: {}", e.getMessage());
        }
    }

    private BuildResult journalled(Tally tally, Spec spec, SpecTask task, BuildOutcome outcome, String detail) {
        return journalled(tally, spec, task, outcome, detail, null);
    }

    private BuildResult journalled(Tally tally, Spec spec, SpecTask task, BuildOutcome outcome, String detail,
                                   PullRequestReuse.Published published) {
        journal(tally, spec, task, outcome.label());
        return tally.result(outcome, detail, published);
    }

    private void journal(Tally tally, Spec spec, SpecTask task, String outcome) {
        journal.append(ZonedDateTime.now(clock), spec.project(), spec.name(), task.text(), outcome, tally.note);
    }
}
