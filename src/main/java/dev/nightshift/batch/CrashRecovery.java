package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.exec.FolderProcesses;
import dev.nightshift.exec.ProcessTree;
import dev.nightshift.git.CandidateCommits;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import dev.nightshift.git.Worktrees;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.PhaseOutcome;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Cleans up after a batch whose process died (kill -9, power loss), so that nothing it left
 * blocks the next one: its Spring Batch execution is marked failed, its processes are killed,
 * its unfinished work is kept as a local commit, its worktrees removed, and its prompts and scratch
 * files in {@code .nightshift/} deleted ({@link DeadBatchFiles}). Branches and spec
 * files stay exactly where they were. Runs with the lock held, so no batch it finds is alive.
 */
@Component
public class CrashRecovery {

    private static final Logger log = LoggerFactory.getLogger(CrashRecovery.class);

    private final Home home;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final BatchRepository batches;
    private final AgentRunRepository agentRuns;
    private final PlanRepository plans;
    private final Git git;
    private final Worktrees worktrees;
    private final CandidateCommits candidates;
    private final Clock clock;
    private final WorkerResults workerResults;

    public CrashRecovery(Home home, JobRepository jobRepository, JobOperator jobOperator, BatchRepository batches,
                         AgentRunRepository agentRuns, PlanRepository plans, Git git, Worktrees worktrees,
                         CandidateCommits candidates, Clock clock, WorkerResults workerResults) {
        this.workerResults = workerResults;
        this.home = home;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.batches = batches;
        this.agentRuns = agentRuns;
        this.plans = plans;
        this.git = git;
        this.worktrees = worktrees;
        this.candidates = candidates;
        this.clock = clock;
    }

    /** @return one line per recovered batch, for the new batch's report */
    public List<String> recover(String newBatchId) {
        return recover(newBatchId, false);
    }

    /**
     * @param dryRun when true, nothing is changed: the batches that died are named, and the next
     *               real batch recovers them
     * @return one line per batch that died, for the new batch's report
     */
    public List<String> recover(String newBatchId, boolean dryRun) {
        if (dryRun) {
            return batches.running().stream().map(dead -> {
                log.info("DRY-RUN: would recover batch {}, whose process died", dead.id());
                return "Batch " + dead.id() + " died; this dry run left it as it was, the next real batch recovers it"
                        + " (ends what it left running, keeps its work as local commits, removes its worktrees).";
            }).toList();
        }
        for (JobExecution execution : jobRepository.findRunningJobExecutions(NightshiftJobConfiguration.JOB_NAME)) {
            int applied = workerResults.applyLeftBy(execution);
            if (applied > 0) {
                log.info("applied the queue writes of {} build(s) the cluster's workers finished for the dead batch", applied);
            }
            jobOperator.recover(execution);
            log.info("marked the job execution {} that was left running as failed", execution.getId());
        }
        List<String> notes = new ArrayList<>();
        for (Records.Batch dead : batches.running()) {
            int killed = ProcessTree.killByMarkerPrefix(ProcessTree.batchPrefix(home.root(), dead.id()) + "/")
                    + killStrays();
            // The latest phase that never ended is where the process died.
            String phase = batches.phases(dead.id()).stream().filter(p -> p.endedAt() == null)
                    .map(Records.Phase::phase).reduce((first, later) -> later).orElse(null);
            batches.phases(dead.id()).stream().filter(p -> p.endedAt() == null)
                    .forEach(p -> batches.endPhase(dead.id(), p.phase(), PhaseOutcome.FAILED,
                            "the batch's process died during this phase", clock.instant()));
            agentRuns.markUnfinished(dead.id(), clock.instant());
            int kept = keepWorkAndRemoveWorktrees(dead.id(), newBatchId);
            int files = DeadBatchFiles.remove(home, dead.id());
            batches.finish(dead.id(), BatchStatus.CRASHED, clock.instant());
            batches.addNote(dead.id(), "died" + (phase != null ? " during the " + phase + " phase" : "")
                    + "; recovered by batch " + newBatchId);
            String note = "Recovered from batch " + dead.id() + ", whose process died"
                    + (phase != null ? " during the " + phase + " phase" : "") + ": "
                    + killed + " leftover process(es) killed, " + kept + " worktree(s) removed"
                    + " (unfinished work kept as local commits), " + files + " prompt or scratch file(s) removed;"
                    + " branches and specs left as they were.";
            log.warn(note);
            notes.add(note);
        }
        return notes;
    }

    /**
     * A process that dropped the marker and left its group still works in a worktree of this home:
     * it dies too, before its worktree is touched. Only the first batch found dead finds any.
     */
    private int killStrays() {
        return FolderProcesses.killInside(home.state());
    }

    private int keepWorkAndRemoveWorktrees(String deadBatch, String newBatchId) {
        Path gitLog = home.batchLogs(newBatchId).resolve("recovery-git.log");
        int removed = 0;
        for (Records.PlanEntry entry : plans.plan(deadBatch)) {
            if (!entry.hasWork()) {
                continue;
            }
            Path worktree = home.worktree(entry.project(), entry.spec());
            if (!Files.isDirectory(worktree)) {
                continue;
            }
            keepWork(entry, worktree, deadBatch, gitLog);
            worktrees.remove(home.clone(entry.project()), worktree, gitLog);
            removed++;
        }
        return removed;
    }

    /** The working copy's files become a local commit on the spec's branch, read as files like every candidate. */
    private void keepWork(Records.PlanEntry entry, Path worktree, String deadBatch, Path gitLog) {
        Path clone = home.clone(entry.project());
        String branch = "nightshift/" + entry.spec();
        if (!git.ok(clone, gitLog, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch)) {
            return;
        }
        try {
            FolderProcesses.killInside(worktree);
            candidates.commit(clone, worktree, branch, List.of(candidates.tip(clone, branch, gitLog)),
                    "nightshift: work recovered from batch " + deadBatch + ", which died: unfinished \"" + entry.task() + "\"", gitLog);
        } catch (GitException e) {
            log.warn("could not keep the unfinished work in {}: {}", worktree, e.getMessage());
        }
    }
}
