package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.git.CandidateCommits;
import dev.nightshift.order.PrIntent;
import dev.nightshift.store.BuildOutcome;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One fixed commit, made by nightshift from the copy's files, judged by the guards: what the gate
 * tests and what is pushed. A breach holds it for a human (spec to blocked/, the commit on a
 * local branch never pushed); a run that changed nothing has nothing to test.
 */
@Component
class Candidate {

    /** The commit to test, or the build's stop. */
    record Judged(String commit, StepResult stop) {
    }

    private final Home home;
    private final CandidateCommits candidates;
    private final BranchWork branches;
    private final ChangeGuards guards;

    Candidate(Home home, CandidateCommits candidates, BranchWork branches, ChangeGuards guards) {
        this.home = home;
        this.candidates = candidates;
        this.branches = branches;
        this.guards = guards;
    }

    Judged judge(BuildContext build) {
        String branch = build.order.branch();
        String commit = candidates.commit(build.clone, build.worktree, branch,
                        List.of(branches.tip(build.clone, branch, build.gitLog)),
                        build.spec.name() + ": " + build.task.text(), build.gitLog)
                .orElseGet(() -> branches.tip(build.clone, branch, build.gitLog));
        ChangeGuards.Verdict verdict = guards.check(build.clone, commit, build.order.settings(), build.spec, build.task,
                build.gitLog);
        if (!verdict.passed()) {
            return new Judged(commit, held(build, commit, verdict));
        }
        // A review point may be a question: answered without a change, the branch as published is
        // tested again and the answers go out; any other run that changed nothing has failed.
        boolean answeredOnly = build.order.intent() == PrIntent.ADDRESS_REVIEW && !build.answers.isEmpty();
        if (verdict.change().isEmpty() && !answeredOnly) {
            GateResult lastGate = build.tally.lastGate;
            return new Judged(commit, lastGate != null
                    ? StepResult.journalled(lastGate.failedOutcome(), lastGate.thenFixFailed("the agent changed nothing"))
                    : StepResult.journalled(BuildOutcome.AGENT_FAILED, "the agent changed nothing"));
        }
        return new Judged(commit, null);
    }

    private StepResult held(BuildContext build, String commit, ChangeGuards.Verdict verdict) {
        String heldBranch = guards.hold(build.clone, build.spec, commit, build.order.settings().base(), build.batchId(),
                build.gitLog);
        String why = "The agent's change for \"" + build.task.text() + "\" was held for a human; nothing was pushed.\n\n"
                + ChangeGuards.describe(verdict.breaches()) + "\nThe held change is on the local branch `" + heldBranch
                + "` of nightshift's clone (" + home.root().relativize(home.clone(build.project())) + "), never pushed;"
                + " the spec's branch was put back to what was last published. Move the spec back to next/ to try again.";
        build.block(why);
        String detail = verdict.breaches().stream()
                .map(b -> b.guard() + " (" + String.join(", ", b.files()) + ")").reduce((a, b) -> a + "; " + b).orElse("");
        return StepResult.journalled(BuildOutcome.GUARD_HELD, detail);
    }
}
