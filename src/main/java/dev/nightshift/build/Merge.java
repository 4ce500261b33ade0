package dev.nightshift.build;

import dev.nightshift.git.Worktrees;
import dev.nightshift.store.BuildOutcome;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The spec's branch in its worktree, brought up to date with what others pushed and the latest
 * base ({@link MergeConflicts}). A conflict nobody resolved sends the spec to blocked/ naming the
 * files; an agent that could not try (budget, stop, setup, its service) leaves the branch as it was.
 */
@Component
class Merge implements BuildStep {

    private final Worktrees worktrees;
    private final MergeConflicts merges;
    private final ChangedHome changedHome;

    Merge(Worktrees worktrees, MergeConflicts merges, ChangedHome changedHome) {
        this.worktrees = worktrees;
        this.merges = merges;
        this.changedHome = changedHome;
    }

    @Override
    public StepResult run(BuildContext build) {
        String branch = build.order.branch();
        build.worktree = worktrees.prepare(build.clone, build.project(), build.spec.name(), branch,
                build.order.settings().base(), build.gitLog).path();
        HomeFingerprint.Print before = changedHome.before(build);
        MergeConflicts.Result merge = merges.bringUpToDate(build.batchId(), build.project(),
                build.order.settings().base(), build.spec, build.clone, build.worktree, build.logs, build.gitLog);
        build.tally.addAgent(merge.agentTime(), merge.cost());
        Optional<StepResult> held = changedHome.holdIfChanged(build, before, null);
        if (held.isPresent()) {
            return held.get();
        }
        switch (merge.status()) {
            case BUDGET_STOPPED -> {
                return StepResult.stop(BuildOutcome.BUDGET_STOPPED, merge.detail());
            }
            case STOPPED -> {
                return StepResult.journalled(BuildOutcome.STOPPED, ProjectBuild.STOPPED_DETAIL);
            }
            case AGENT_NOT_STARTED, AGENT_SERVICE_FAILED -> {
                return StepResult.stop(BuildOutcome.FAILED, merge.detail());
            }
            case CONFLICT -> {
                String why = "Bringing " + branch + " up to date failed: " + merge.detail() + ".\n\nConflicting files: "
                        + (merge.files().isEmpty() ? "(none named by git)" : String.join(", ", merge.files()))
                        + ".\n\nResolve it on the branch, then move the spec back.";
                build.block(why);
                return StepResult.journalled(BuildOutcome.CONFLICT, why);
            }
            default -> {
                return StepResult.next();
            }
        }
    }
}
