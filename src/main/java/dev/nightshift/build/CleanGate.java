package dev.nightshift.build;

import dev.nightshift.exec.FolderProcesses;
import dev.nightshift.git.Worktrees;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Where the gate runs: a fresh checkout of exactly the candidate commit, made from nightshift's
 * clone and removed afterwards. No untracked file, index flag or commit of the agent's is in it,
 * so what passes is what is pushed.
 */
@Component
class CleanGate {

    private final TestGate gate;
    private final Worktrees worktrees;

    public CleanGate(TestGate gate, Worktrees worktrees) {
        this.gate = gate;
        this.worktrees = worktrees;
    }

    /** Runs the gate of {@code where} (its worktree ignored) in a checkout of {@code commit}. */
    public GateResult run(TestGate.Where where, String commit, Path gitLog) {
        Path clone = where.repository();
        Path checkout = worktrees.checkout(clone, where.spec().project(), "gate-" + where.spec().name(), commit, gitLog);
        try {
            return gate.run(new TestGate.Where(where.batchId(), where.project(), where.spec(), checkout, clone,
                    where.logs(), where.attempt()));
        } finally {
            // what the tests left running in their checkout dies before it goes
            FolderProcesses.killInside(checkout);
            worktrees.discard(checkout);
        }
    }
}
