package dev.nightshift.batch;

import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import dev.nightshift.store.RiskKind;
import dev.nightshift.store.RiskRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/** Did anything fail in this batch? Read from what the phases recorded. */
@Component
public class BatchOutcome {

    private final BatchRepository batches;
    private final BuildRepository builds;
    private final IntegrationRepository integration;
    private final RiskRepository risks;
    private final PlanRepository plans;

    public BatchOutcome(BatchRepository batches, BuildRepository builds, IntegrationRepository integration,
                        RiskRepository risks, PlanRepository plans) {
        this.batches = batches;
        this.builds = builds;
        this.integration = integration;
        this.risks = risks;
        this.plans = plans;
    }

    /**
     * A phase that failed or timed out, a project whose build failed, a red integration run, an
     * agent command that cannot start (every project's work was held back for it), or a project
     * skipped because its project.yml is invalid. A broken spec file alone is not a failure: it is
     * named in the report and the project's other specs go on.
     */
    public BatchStatus of(String batchId) {
        boolean phaseProblem = batches.phases(batchId).stream().anyMatch(p -> p.outcome().isProblem());
        boolean buildFailed = builds.results(batchId).stream().anyMatch(r -> r.outcome().failed());
        boolean integrationRed = integration.forBatch(batchId).stream().anyMatch(r -> !r.passed());
        return phaseProblem || buildFailed || integrationRed || !agentProblems(batchId).isEmpty()
                || !skippedProjects(batchId).isEmpty() ? BatchStatus.FAILED : BatchStatus.SUCCEEDED;
    }

    /**
     * "project calc skipped: wip-specs/calc/project.yml:2: tets: unknown key", one per problem that
     * names no spec file (a spec's problem names its .md file and skips only that spec).
     */
    private List<String> skippedProjects(String batchId) {
        return plans.problems(batchId).stream()
                .filter(p -> p.file() != null && !p.file().endsWith(".md"))
                .map(p -> "project " + p.project() + " skipped: " + p.file() + (p.line() != null ? ":" + p.line() : "")
                        + ": " + p.message())
                .toList();
    }

    private List<String> agentProblems(String batchId) {
        return risks.forBatch(batchId).stream().filter(r -> r.kind() == RiskKind.AGENT_COMMAND)
                .map(dev.nightshift.store.Observations.Risk::reason).toList();
    }

    /** Lines naming what failed, for the command's output. */
    public List<String> failures(String batchId) {
        List<String> lines = new java.util.ArrayList<>(agentProblems(batchId));
        lines.addAll(skippedProjects(batchId));
        for (Records.Phase phase : batches.phases(batchId)) {
            if (phase.outcome().isProblem()) {
                lines.add("phase " + phase.phase() + " " + phase.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + (phase.detail() != null ? ": " + phase.detail() : ""));
            }
        }
        for (Records.BuildResult result : builds.results(batchId)) {
            if (result.outcome().failed()) {
                lines.add(result.project() + "/" + result.spec() + ": " + result.outcome().label()
                        + (result.detail() != null ? ": " + result.detail() : ""));
            }
        }
        for (Records.IntegrationRun run : integration.forBatch(batchId)) {
            if (!run.passed()) {
                lines.add(run.project() + ": integration tests failed at " + run.commitSha().substring(0, Math.min(10, run.commitSha().length())));
            }
        }
        return lines;
    }
}
