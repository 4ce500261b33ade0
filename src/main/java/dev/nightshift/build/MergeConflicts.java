package dev.nightshift.build;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.agent.PromptRenderer;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.git.CandidateCommits;
import dev.nightshift.git.Git;
import dev.nightshift.git.Worktrees;
import dev.nightshift.io.WorkingCopyFiles;
import dev.nightshift.spec.Spec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings a spec's branch up to date before the agent works on it. A merge that stops on
 * conflicts is offered to the agent (a run with the purpose "merge" and a prompt naming the
 * files, its working copy left mid-merge); if the agent does not finish it (a file still holding
 * conflict markers, or the run failed) the branch stays as it was and the files are named.
 */
@Component
class MergeConflicts {

    private static final Logger log = LoggerFactory.getLogger(MergeConflicts.class);
    private static final Pattern MARKER = Pattern.compile("(?m)^(<<<<<<<|>>>>>>>)( |$)");
    private static final long MAX_MARKER_SCAN = 20_000_000;

    /** How bringing the branch up to date ended. */
    public enum Status {
        /** Up to date; no conflict, or one the agent resolved. */
        UP_TO_DATE,
        /** A conflict that remained; the branch was left as it was. */
        CONFLICT,
        /** A conflict, and the budget did not allow the agent to try; the merge was aborted. */
        BUDGET_STOPPED,
        /** A conflict, and nightshift was told to stop before the agent finished it; the merge was aborted. */
        STOPPED,
        /** A conflict, and the agent command could not be started (a setup problem); the merge was aborted. */
        AGENT_NOT_STARTED,
        /**
         * A conflict, and the agent's run failed for a reason outside the work (budget cap, refused
         * credentials, the service down); the merge was aborted. Not the branch's fault.
         */
        AGENT_SERVICE_FAILED
    }

    /** The outcome, what the agent's merge runs cost and took, and on a conflict its files and why. */
    public record Result(Status status, String detail, List<String> files, Duration agentTime, BigDecimal cost) {
    }

    private final Home home;
    private final NightshiftSettings settings;
    private final BranchWork branches;
    private final AgentRunner agents;
    private final PromptRenderer prompts;
    private final Worktrees worktrees;
    private final CandidateCommits candidates;
    private final Git git;

    public MergeConflicts(Home home, NightshiftSettings settings, BranchWork branches, AgentRunner agents,
                          PromptRenderer prompts, Worktrees worktrees, CandidateCommits candidates, Git git) {
        this.home = home;
        this.settings = settings;
        this.branches = branches;
        this.agents = agents;
        this.prompts = prompts;
        this.worktrees = worktrees;
        this.candidates = candidates;
        this.git = git;
    }

    /**
     * Merges the remote branch and base into the spec's branch in nightshift's clone. A conflict
     * is offered to the agent in a fresh working copy left mid-merge; the merge commit is then
     * made by nightshift from that copy's files, never from the agent's own commit.
     */
    public Result bringUpToDate(String batchId, String project, String base, Spec spec, Path clone, Path workingCopy,
                                Path logs, Path gitLog) {
        Duration agentTime = Duration.ZERO;
        BigDecimal cost = null;
        // at most one conflict per ref merged (the remote branch, then base)
        for (int round = 1; round <= 2; round++) {
            BranchWork.Merge merge = branches.mergeLatest(clone, spec.branch(), base, gitLog);
            if (merge.clean()) {
                return new Result(Status.UP_TO_DATE, null, List.of(), agentTime, cost);
            }
            String ref = merge.ref().replace("refs/remotes/", "");
            if (merge.conflicts().isEmpty()) {
                return new Result(Status.CONFLICT, "git could not merge " + ref, List.of(), agentTime, cost);
            }
            String tip = branches.tip(clone, spec.branch(), gitLog);
            String theirs = git.out(clone, gitLog, "rev-parse", merge.ref());
            worktrees.workingCopy(clone, workingCopy, spec.branch(), List.of(spec.branch(), base), gitLog);
            // nightshift's own merge in a copy no agent has touched yet: it stops on the conflict, for the agent
            git.run(workingCopy, gitLog, "merge", "--no-edit", "--no-ff", merge.ref());
            log.info("merging {} into {} conflicts in {}; offering it to the agent", ref, spec.branch(), merge.conflicts());
            Path agentLog = logs.resolve("agent-" + project + "-merge-" + round + ".log");
            AgentRunner.Outcome agent = agents.run(new AgentRunner.Request(batchId, project, spec.name(),
                    "finish the merge of " + ref, "merge", round, workingCopy,
                    prompts.renderMerge(new PromptRenderer.MergeFacts(project, spec.name(), spec.title(),
                            spec.body(), ref, merge.conflicts(), branches.recentLog(clone, spec.branch(), gitLog))),
                    agentLog, settings.timeouts().agent()));
            agentTime = agentTime.plus(agent.elapsed());
            if (agent.result().costUsd() != null) {
                cost = (cost == null ? BigDecimal.ZERO : cost).add(agent.result().costUsd());
            }
            if (agent.status() == AgentRunner.Status.BUDGET_STOPPED) {
                return new Result(Status.BUDGET_STOPPED, agent.result().summary(), merge.conflicts(), agentTime, cost);
            }
            if (agent.status() == AgentRunner.Status.STOPPED || agent.status() == AgentRunner.Status.NOT_STARTED
                    || agent.status() == AgentRunner.Status.SERVICE_FAILED) {
                // Not the branch's fault: the next batch offers the same merge again.
                Status status = switch (agent.status()) {
                    case STOPPED -> Status.STOPPED;
                    case SERVICE_FAILED -> Status.AGENT_SERVICE_FAILED;
                    default -> Status.AGENT_NOT_STARTED;
                };
                return new Result(status, agent.result().summary(), merge.conflicts(), agentTime, cost);
            }
            List<String> left = unresolved(workingCopy, merge.conflicts());
            if (!agent.succeeded() || !left.isEmpty()) {
                String why = !left.isEmpty() ? "conflict markers remain"
                        : "the agent " + FailureDetail.of(agent.result().summary(), agentLog, home.root());
                return new Result(Status.CONFLICT, "merging " + ref + " conflicts and the agent could not resolve it ("
                        + why + ")", left.isEmpty() ? merge.conflicts() : left, agentTime, cost);
            }
            candidates.commit(clone, workingCopy, spec.branch(), List.of(tip, theirs),
                    "Merge " + ref + " into " + spec.branch(), gitLog);
            log.info("the agent resolved the merge of {} into {}", ref, spec.branch());
        }
        return new Result(Status.UP_TO_DATE, null, List.of(), agentTime, cost);
    }

    /** The conflicted files that still hold conflict markers, read as files (a link is never followed). */
    private static List<String> unresolved(Path workingCopy, List<String> conflicted) {
        List<String> left = new ArrayList<>();
        for (String file : conflicted) {
            WorkingCopyFiles.readText(workingCopy, file, MAX_MARKER_SCAN)
                    .filter(text -> MARKER.matcher(text).find()).ifPresent(text -> left.add(file));
        }
        return left;
    }
}
