package dev.nightshift.build;

import dev.nightshift.git.Worktrees;
import java.util.List;
import org.springframework.stereotype.Component;

/** The agent's copy: a repository of its own, of which nightshift reads nothing but files. */
@Component
class WorkingCopy implements BuildStep {

    private final Worktrees worktrees;

    WorkingCopy(Worktrees worktrees) {
        this.worktrees = worktrees;
    }

    @Override
    public StepResult run(BuildContext build) {
        worktrees.workingCopy(build.clone, build.worktree, build.order.branch(), List.of(), build.gitLog);
        return StepResult.next();
    }
}
