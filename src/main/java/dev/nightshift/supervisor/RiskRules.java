package dev.nightshift.supervisor;

import dev.nightshift.git.CommitIds;
import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Observations.HealthCheckResult;
import dev.nightshift.store.Records.AgentRun;
import dev.nightshift.store.Records.IntegrationRun;
import dev.nightshift.store.RiskKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is at risk, and why: a pure function from the facts of the last batches to the risks the
 * supervisor names, each with a reason the owner can act on.
 */
final class RiskRules {

    /** Failing this many batches in a row makes a spec a risk (the owner is told of a spec failing again and again). */
    static final int FAILURES_IN_A_ROW = 2;
    /** Spend at or past this share of either budget is a risk; runs stop later, at {@code stop-at}. */
    static final BigDecimal BUDGET_SHARE = new BigDecimal("0.75");
    static final long MIN_FREE_BYTES = 1L << 30;
    /** How many of the last working batches are searched for agent timeouts. */
    static final int TIMEOUT_BATCHES = 3;

    /** What the database says about one project. */
    public record ProjectFacts(String project, Map<String, List<BuildOutcome>> failureStreaks,
                               IntegrationRun latestIntegration, int openPullRequests, int maxOpenPrs,
                               List<HealthCheckResult> latestHealth, List<AgentRun> timedOutRuns) {
    }

    /** What holds for the whole home. */
    public record HomeFacts(Budget.State budget, Path disk, long freeBytes) {
    }

    /** One named risk; {@code project} is null for the home's. */
    public record Found(RiskKind kind, String project, String spec, String reason) {
    }

    private RiskRules() {
    }

    public static List<Found> assess(List<ProjectFacts> projects, HomeFacts home) {
        List<Found> risks = new ArrayList<>();
        for (ProjectFacts p : projects) {
            p.failureStreaks().forEach((spec, streak) -> {
                if (streak.size() >= FAILURES_IN_A_ROW) {
                    risks.add(new Found(RiskKind.REPEATED_FAILURE, p.project(), spec, spec + " failed its last "
                            + streak.size() + " batches (" + streak.stream().map(BuildOutcome::label)
                            .collect(Collectors.joining(", ")) + ")"));
                }
            });
            IntegrationRun base = p.latestIntegration();
            if (base != null && !base.passed()) {
                risks.add(new Found(RiskKind.RED_BASE, p.project(), null, "base is red: integration "
                        + (base.timedOut() ? "timed out" : "failed (exit " + base.exitCode() + ")") + " at "
                        + CommitIds.shortId(base.commitSha()) + "; no new agent work on " + p.project() + " until it is green"));
            }
            if (p.openPullRequests() >= p.maxOpenPrs()) {
                risks.add(new Found(RiskKind.PR_LIMIT, p.project(), null, p.openPullRequests()
                        + " open PRs, at max-open-prs (" + p.maxOpenPrs() + "): review and merge or close some so "
                        + "new specs can start"));
            }
            for (HealthCheckResult check : p.latestHealth()) {
                if (check.outcome().failing()) {
                    risks.add(new Found(RiskKind.HEALTH_FAILING, p.project(), null, "in the last check, " + check.url()
                            + " " + check.outcome().verb() + (check.detail() != null ? " (" + check.detail() + ")" : "")));
                }
            }
            if (!p.timedOutRuns().isEmpty()) {
                String specs = p.timedOutRuns().stream().map(AgentRun::spec).distinct().collect(Collectors.joining(", "));
                risks.add(new Found(RiskKind.AGENT_TIMEOUTS, p.project(), null, p.timedOutRuns().size()
                        + " agent run(s) timed out in the last " + TIMEOUT_BATCHES + " batches (" + specs
                        + "): split the tasks smaller or raise timeouts.agent"));
            }
        }
        Budget.State spend = home.budget();
        if (spend.dailyShare().compareTo(BUDGET_SHARE) >= 0 || spend.monthlyShare().compareTo(BUDGET_SHARE) >= 0) {
            risks.add(new Found(RiskKind.BUDGET, null, null, "budget past 75%: " + spend.describe()
                    + "; no agent run starts at " + spend.stopAt().movePointRight(2).stripTrailingZeros().toPlainString()
                    + "%"));
        }
        if (home.freeBytes() < MIN_FREE_BYTES) {
            risks.add(new Found(RiskKind.LOW_DISK, null, null, (home.freeBytes() >> 20) + " MiB free on the disk of "
                    + home.disk() + " (below 1 GiB): free some space before clones, logs or the database fail"));
        }
        return risks;
    }
}
