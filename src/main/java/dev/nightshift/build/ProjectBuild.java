package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.git.GitException;
import dev.nightshift.order.OrderResult;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.GitHubException;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records.BuildResult;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One project's build in one batch: its work order carried out by a list of named steps, each of
 * which goes on or stops the build with an outcome. Nothing is pushed unless the guards and the
 * gate passed; work that did not pass is kept on the local branch. What the build asks of the
 * owner's queue comes back with its result, for {@link QueueUpdates} to apply.
 */
@Component
class ProjectBuild {

    static final String STOPPED_DETAIL = "nightshift was told to stop; the work was kept on the local branch";

    private final Home home;
    private final List<BuildStep> steps;
    private final RetryBudget retryBudget;
    private final Clock clock;

    @Autowired
    ProjectBuild(Home home, Preflight preflight, Clone clone, StartAfresh afresh, BaseCheck base, Merge merge,
                 WorkingCopy workingCopy, FixAttempts attempts, Publish publish, RetryBudget retryBudget, Clock clock) {
        this(home, List.of(preflight, clone, afresh, base, merge, workingCopy, attempts, publish), retryBudget, clock);
    }

    ProjectBuild(Home home, List<BuildStep> steps, RetryBudget retryBudget, Clock clock) {
        this.home = home;
        this.steps = List.copyOf(steps);
        this.retryBudget = retryBudget;
        this.clock = clock;
    }

    public OrderResult build(BatchRun run, WorkOrder order) {
        BuildContext build = new BuildContext(order, run, home.root(), home.batchLogs(run.batchId()), clock);
        StepResult end = carryOut(build);
        if (end.journal()) {
            build.journal(end.outcome().label());
        }
        BuildResult result = build.tally.result(end.outcome(), end.detail(), end.published());
        retryBudget.exhausted(order, result, run.dryRun(), build.blocked()).ifPresent(build::block);
        return new OrderResult(result, build.changes());
    }

    /** The steps, in the order they run. */
    List<BuildStep> steps() {
        return steps;
    }

    /** The steps in order, until one stops the build. */
    private StepResult carryOut(BuildContext build) {
        try {
            for (BuildStep step : steps) {
                StepResult result = step.run(build);
                if (result.stops()) {
                    return result;
                }
            }
            return StepResult.stop(BuildOutcome.FAILED, "the build ended without an outcome");
        } catch (GitException e) {
            return StepResult.stop(BuildOutcome.FAILED, "git: " + e.getMessage());
        } catch (GitHubException e) {
            return StepResult.stop(BuildOutcome.FAILED, "GitHub: " + e.getMessage());
        }
    }
}
