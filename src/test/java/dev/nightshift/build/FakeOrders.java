package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.Git;
import dev.nightshift.order.PrIntent;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.testing.TestHome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Work orders made in a test, as the supervisor would make them, from a spec written into a test
 * home; and a build's context for them. No supervisor runs: the order is the test's own.
 */
final class FakeOrders {

    static final String BATCH = "20261205-020000";

    private FakeOrders() {
    }

    /** The order for the spec's first open task, with the given pull request intent. */
    static WorkOrder order(TestHome home, String project, String specName, PrIntent intent, Integer prNumber) {
        ProjectQueue queue = WorkspaceReader.read(home.home(), project).project(project).orElseThrow();
        Spec spec = queue.find(specName).orElseThrow();
        return new WorkOrder(BATCH, project, WorkOrder.OrderedSpec.of(spec, home.root()), spec.nextTask().orElseThrow(),
                spec.branch(), intent, prNumber, intent == PrIntent.NEW ? null : "the test's reason", null, 0, null, "",
                queue.settings(), List.of(new WorkOrder.KnownSpec(spec.name(), spec.title(), spec.hash())));
    }

    static WorkOrder order(TestHome home, String project, String specName) {
        return order(home, project, specName, PrIntent.NEW, null);
    }

    static BatchRun run(boolean dryRun) {
        return new BatchRun(BATCH, dryRun, null, Instant.parse("2026-12-05T02:00:00Z"), "test");
    }

    static BuildContext context(Home home, WorkOrder order, boolean dryRun) {
        return new BuildContext(order, run(dryRun), home.root(), home.batchLogs(BATCH), Clock.systemUTC());
    }

    /** nightshift's git, as the build runs it. */
    static Git git() {
        return new Git(new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none()),
                new ProcessEnvironment(System.getenv(), Set.of()));
    }
}
