package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.git.Git;
import dev.nightshift.git.Worktrees;
import dev.nightshift.order.PrIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out the order's word on a closed pull request. Starting afresh (the owner deleted the
 * branch of a pull request closed without merge): the worktree goes, and the old local branch is
 * kept aside as {@code nightshift-closed/<spec>-pr<n>}, so the next worktree is made from base.
 * Reopening continues the branch as it is. The decision itself was the supervisor's.
 */
@Component
class StartAfresh implements BuildStep {

    private static final Logger log = LoggerFactory.getLogger(StartAfresh.class);

    private final Home home;
    private final Git git;
    private final Worktrees worktrees;

    StartAfresh(Home home, Git git, Worktrees worktrees) {
        this.home = home;
        this.git = git;
        this.worktrees = worktrees;
    }

    @Override
    public StepResult run(BuildContext build) {
        PrIntent intent = build.order.intent();
        if (intent == PrIntent.REOPEN) {
            log.info("{}/{}: {}", build.project(), build.spec.name(), build.order.intentReason());
        }
        if (intent != PrIntent.AFRESH) {
            return StepResult.next();
        }
        log.info("{}/{}: {}", build.project(), build.spec.name(), build.order.intentReason());
        worktrees.remove(build.clone, home.worktree(build.project(), build.spec.name()), build.gitLog);
        String branch = build.order.branch();
        if (git.ok(build.clone, build.gitLog, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch)) {
            git.out(build.clone, build.gitLog, "branch", "-M", branch,
                    "nightshift-closed/" + build.spec.name() + "-pr" + build.order.prNumber());
        }
        return StepResult.next();
    }
}
