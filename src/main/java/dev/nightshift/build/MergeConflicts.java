package dev.nightshift.build;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.agent.PromptRenderer;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * files, the worktree left mid-merge); if the agent does not finish it (a file still unmerged or
 * holding conflict markers, or the run failed) the merge is aborted and the files are named.
 */
@Component
public class MergeConflicts {

    private static final Logger log = LoggerFactory.getLogger(MergeConflicts.class);
    private static final Pattern MARKER = Pattern.compile("(?m)^(<<<<<<<|>>>>>>>)( |$)");

    /** How bringing the branch up to date ended. */
    public enum Status {
        /** Up to date; no conflict, or one the agent resolved. */
        UP_TO_DATE,
        /** A conflict that remained; the merge was aborted and the branch left as it was. */
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

    public MergeConflicts(Home home, NightshiftSettings settings, BranchWork branches, AgentRunner agents,
                          PromptRenderer prompts) {
        this.home = home;
        this.settings = settings;
        this.branches = branches;
        this.agents = agents;
        this.prompts = prompts;
    }

    public Result bringUpToDate(String batchId, ProjectQueue project, Spec spec, Path worktree, Path logs,
                                Path gitLog) {
        Duration agentTime = Duration.ZERO;
        BigDecimal cost = null;
        // at most one conflict per ref merged (the remote branch, then base)
        for (int round = 1; round <= 2; round++) {
            String before = branches.head(worktree, gitLog);
            BranchWork.Merge merge = branches.mergeLatest(worktree, spec.branch(), project.settings().base(), gitLog);
            if (merge.clean()) {
                return new Result(Status.UP_TO_DATE, null, List.of(), agentTime, cost);
            }
            String ref = merge.ref().replace("refs/remotes/", "");
            if (merge.conflicts().isEmpty()) {
                branches.abortMerge(worktree, before, gitLog);
                return new Result(Status.CONFLICT, "git could not merge " + ref, List.of(), agentTime, cost);
            }
            log.info("merging {} into {} conflicts in {}; offering it to the agent", ref, spec.branch(), merge.conflicts());
            Path agentLog = logs.resolve("agent-" + project.name() + "-merge-" + round + ".log");
            AgentRunner.Outcome agent = agents.run(new AgentRunner.Request(batchId, project.name(), spec.name(),
                    "finish the merge of " + ref, "merge", round, worktree,
                    prompts.renderMerge(new PromptRenderer.MergeFacts(project.name(), spec.name(), spec.title(),
                            spec.body(), ref, merge.conflicts(), branches.recentLog(worktree, gitLog))),
                    agentLog, settings.timeouts().agent()));
            agentTime = agentTime.plus(agent.elapsed());
            if (agent.result().costUsd() != null) {
                cost = (cost == null ? BigDecimal.ZERO : cost).add(agent.result().costUsd());
            }
            if (agent.status() == AgentRunner.Status.BUDGET_STOPPED) {
                branches.abortMerge(worktree, before, gitLog);
                return new Result(Status.BUDGET_STOPPED, agent.result().summary(), merge.conflicts(), agentTime, cost);
            }
            if (agent.status() == AgentRunner.Status.STOPPED || agent.status() == AgentRunner.Status.NOT_STARTED
                    || agent.status() == AgentRunner.Status.SERVICE_FAILED) {
                // Not the branch's fault: the next batch offers the same merge again.
                branches.abortMerge(worktree, before, gitLog);
                Status status = switch (agent.status()) {
                    case STOPPED -> Status.STOPPED;
                    case SERVICE_FAILED -> Status.AGENT_SERVICE_FAILED;
                    default -> Status.AGENT_NOT_STARTED;
                };
                return new Result(status, agent.result().summary(), merge.conflicts(), agentTime, cost);
            }
            List<String> left = unresolved(worktree, merge.conflicts(), gitLog);
            if (!agent.succeeded() || !left.isEmpty()) {
                branches.abortMerge(worktree, before, gitLog);
                String why = !left.isEmpty() ? "conflict markers or unmerged entries remain"
                        : "the agent " + FailureDetail.of(agent.result().summary(), agentLog, home.root());
                return new Result(Status.CONFLICT, "merging " + ref + " conflicts and the agent could not resolve it ("
                        + why + ")", left.isEmpty() ? merge.conflicts() : left, agentTime, cost);
            }
            if (branches.merging(worktree, gitLog)) {
                branches.concludeMerge(worktree, gitLog);
            }
            log.info("the agent resolved the merge of {} into {}", ref, spec.branch());
        }
        return new Result(Status.UP_TO_DATE, null, List.of(), agentTime, cost);
    }

    /** Files still unmerged in the index, or holding conflict markers in the worktree. */
    private List<String> unresolved(Path worktree, List<String> conflicted, Path gitLog) {
        List<String> left = new ArrayList<>(branches.unmerged(worktree, gitLog));
        for (String file : conflicted) {
            Path path = worktree.resolve(file);
            try {
                if (!left.contains(file) && Files.isRegularFile(path) && Files.size(path) < 20_000_000
                        && MARKER.matcher(Files.readString(path, StandardCharsets.UTF_8)).find()) {
                    left.add(file);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable as text (binary): git's own unmerged state above decides for it
            }
        }
        return left;
    }
}
