package dev.nightshift.build;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.agent.PromptRenderer;
import dev.nightshift.agent.PromptRenderer.PromptFacts;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.FolderProcesses;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.CandidateCommits;
import dev.nightshift.git.GitException;
import dev.nightshift.order.PrIntent;
import dev.nightshift.pr.ReviewPoint;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.store.BuildOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The agent's attempts at the task: run the agent, make one fixed commit of its files, judge it
 * with the guards, test it in a clean checkout; a failed gate gives the agent its output for the
 * next attempt ({@code build.fix-attempts} more, while the phase has time). One step that owns its
 * loop: each attempt's parts read the one before, and split into steps the loop would be harder to
 * follow. It goes on to publishing only with a commit whose gate passed; every other end stops.
 */
@Component
class FixAttempts implements BuildStep {

    private static final Logger log = LoggerFactory.getLogger(FixAttempts.class);
    private static final Duration MIN_TIME_FOR_A_FIX = Duration.ofSeconds(30);
    private static final int JOURNAL_ENTRIES = 5;

    private final NightshiftSettings settings;
    private final AgentRunner agents;
    private final PromptRenderer prompts;
    private final BranchWork branches;
    private final ChangedHome changedHome;
    private final AgentLeftovers leftovers;
    private final AgentRunEnd runEnd;
    private final Candidate candidate;
    private final CleanGate cleanGate;
    private final ProcessDeadline deadline;
    private final RunningProcesses running;

    FixAttempts(NightshiftSettings settings, AgentRunner agents, PromptRenderer prompts, BranchWork branches,
                ChangedHome changedHome, AgentLeftovers leftovers, AgentRunEnd runEnd, Candidate candidate,
                CleanGate cleanGate, ProcessDeadline deadline, RunningProcesses running) {
        this.settings = settings;
        this.agents = agents;
        this.prompts = prompts;
        this.branches = branches;
        this.changedHome = changedHome;
        this.leftovers = leftovers;
        this.runEnd = runEnd;
        this.candidate = candidate;
        this.cleanGate = cleanGate;
        this.deadline = deadline;
        this.running = running;
    }

    @Override
    public StepResult run(BuildContext build) {
        BuildTally tally = build.tally;
        int attempts = 1 + settings.build().fixAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && deadline.remaining().compareTo(MIN_TIME_FOR_A_FIX) < 0) {
                log.info("no time left in the phase for another fix attempt on {}/{}", build.project(), build.spec.name());
                break;
            }
            Path agentLog = build.logs.resolve("agent-" + build.project() + "-" + attempt + ".log");
            HomeFingerprint.Print before = changedHome.before(build);
            AgentRunner.Outcome agent = agents.run(new AgentRunner.Request(build.batchId(), build.project(),
                    build.spec.name(), build.task.text(), attempt == 1 ? "build" : "fix", attempt, build.worktree,
                    prompt(build), agentLog, settings.timeouts().agent()));
            tally.addAgent(agent.elapsed(), agent.result().costUsd());
            // Nothing of the agent's may still change the copy while nightshift reads it.
            FolderProcesses.killInside(build.worktree);
            Optional<StepResult> held = changedHome.holdIfChanged(build, before, null);
            if (held.isPresent()) {
                return held.get();
            }
            // Only the run whose gate passes files discovered work: what other runs left is dropped.
            AgentLeftovers.Left left = leftovers.take(build.worktree);
            tally.note = Optional.ofNullable(left.note()).orElse(tally.note);
            build.answers = left.answers();
            if (agent.status() != AgentRunner.Status.SUCCEEDED) {
                return runEnd.stop(build, agent, agentLog);
            }
            Candidate.Judged judged = candidate.judge(build);
            if (judged.stop() != null) {
                return judged.stop();
            }
            before = changedHome.before(build);
            tally.lastGate = cleanGate.run(new TestGate.Where(build.batchId(), build.order.settings(), build.spec,
                    build.worktree, build.clone, build.logs, attempt), judged.commit(), build.gitLog);
            held = changedHome.holdIfChanged(build, before, judged.commit());
            if (held.isPresent()) {
                return held.get();
            }
            if (tally.lastGate.passed()) {
                build.tested = judged.commit();
                build.drafts = left.followUps();
                return StepResult.next();
            }
            if (running.stopping()) {
                // The stop killed the tests: their failure says nothing about the work.
                return StepResult.journalled(BuildOutcome.STOPPED, ProjectBuild.STOPPED_DETAIL);
            }
            build.failure = tally.lastGate.reason() + "\n\n" + tally.lastGate.tail();
            build.journal(tally.lastGate.failedOutcome().label() + " (attempt " + attempt + "): "
                    + tally.lastGate.reason());
        }
        return tally.lastGate == null ? StepResult.stop(BuildOutcome.TESTS_FAILED, "no gate ran")
                : StepResult.stop(tally.lastGate.failedOutcome(), tally.lastGate.reason());
    }

    private String prompt(BuildContext build) {
        if (build.order.intent() == PrIntent.ADDRESS_REVIEW) {
            List<ReviewPoint> points = build.order.review();
            List<PromptRenderer.Point> shown = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                ReviewPoint point = points.get(i);
                shown.add(new PromptRenderer.Point(i + 1, point.where(), point.author(), point.diffHunk(), point.text()));
            }
            return prompts.renderReview(new PromptRenderer.ReviewFacts(build.project(), build.spec.name(),
                    build.spec.title(), build.spec.body(), build.order.prNumber(), shown, build.order.notes(),
                    branches.recentLog(build.clone, build.order.branch(), build.gitLog), build.failure));
        }
        return prompts.render(new PromptFacts(build.project(), build.spec.name(), build.spec.title(), build.spec.body(),
                build.task.text(), build.order.notes(), build.recentJournal(JOURNAL_ENTRIES),
                branches.recentLog(build.clone, build.order.branch(), build.gitLog), build.failure, FollowUps.LIMIT));
    }

    /**
     * Work is never thrown away: it stays, unpushed, on the local branch, where the next attempt
     * starts; kept the same way as a candidate, from the copy's files.
     */
    static void keepWork(CandidateCommits candidates, BranchWork branches, BuildContext build, String why) {
        try {
            if (candidates.commit(build.clone, build.worktree, build.order.branch(),
                    List.of(branches.tip(build.clone, build.order.branch(), build.gitLog)),
                    "nightshift: unfinished work on \"" + build.task.text() + "\" (" + why + ")", build.gitLog)
                    .isPresent()) {
                log.info("kept the unfinished work as a local commit ({})", why);
            }
        } catch (GitException e) {
            log.warn("could not keep the unfinished work: {}", e.getMessage());
        }
    }
}
