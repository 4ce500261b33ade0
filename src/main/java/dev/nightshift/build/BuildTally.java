package dev.nightshift.build;

import dev.nightshift.phase.BatchRun;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.order.WorkOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one project's build accumulated on its way (agent time and cost, the gate, the note); becomes its stored result. */
final class BuildTally {

    final BatchRun run;
    final WorkOrder order;
    final List<String> followUps = new ArrayList<>();
    private final Clock clock;
    private final Instant started;
    private long agentMillis;
    private BigDecimal cost;
    GateResult lastGate;
    String note;

    BuildTally(BatchRun run, WorkOrder order, Clock clock) {
        this.run = run;
        this.order = order;
        this.clock = clock;
        this.started = clock.instant();
    }

    void addAgent(Duration elapsed, BigDecimal runCost) {
        agentMillis += elapsed.toMillis();
        if (runCost != null) {
            cost = (cost == null ? BigDecimal.ZERO : cost).add(runCost);
        }
    }

    BuildResult result(BuildOutcome outcome, String detail) {
        return result(outcome, detail, null);
    }

    BuildResult result(BuildOutcome outcome, String detail, PullRequestReuse.Published published) {
        return new BuildResult(run.batchId(), order.project(), order.spec().name(), order.task().text(), outcome, detail,
                lastGate != null && !lastGate.passed() ? lastGate.tail() : null,
                published != null ? published.prId() : null, published != null ? published.action() : null,
                agentMillis, cost, lastGate != null ? lastGate.testsRun() : null,
                lastGate != null ? lastGate.testsPassed() : null, note, started, clock.instant());
    }
}
