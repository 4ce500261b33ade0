package dev.nightshift.supervisor;

import dev.nightshift.order.WorkOrder;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Records.BuildResult;
import org.springframework.stereotype.Component;

/**
 * Where does the next try on a spec start from? Its last failed gate since its last success,
 * whose output tail the agent's prompt shows. Results that say nothing about the spec (a dry run,
 * the budget, nightshift's own trouble, a stop) are skipped over, as its failure streak skips them.
 */
@Component
class PreviousFailure {

    /** How many of the spec's weighed results are searched. */
    private static final int LOOKBACK = 10;

    private final BuildRepository builds;

    PreviousFailure(BuildRepository builds) {
        this.builds = builds;
    }

    /** The failure to start from, or {@code null}. */
    WorkOrder.PreviousFailure of(String project, String spec) {
        for (BuildResult r : builds.weighedForSpec(project, spec, LOOKBACK)) {
            if (r.outcome().succeeded()) {
                return null;
            }
            if (r.outcome() == BuildOutcome.TESTS_FAILED && r.testTail() != null) {
                return new WorkOrder.PreviousFailure(r.batchId(), r.outcome().name(), r.detail(), r.testTail());
            }
        }
        return null;
    }
}
