package dev.nightshift.report;

import dev.nightshift.git.CommitIds;
import dev.nightshift.pr.ClosedPullRequestRule;
import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Observations.HealthCheckResult;
import dev.nightshift.store.Observations.Risk;
import dev.nightshift.store.Records;
import dev.nightshift.store.RiskKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What needs the owner after a batch, most urgent first, each thing once: work held because
 * nightshift's own settings or state changed while the agent ran, the budget, closed pull
 * requests and blocked specs with their reasons, a red base, failed health checks, the supervisor's
 * risks only the owner can clear, failed builds, unreadable files, broken phases. The risks that
 * are not the owner's to clear (or that this batch's fresher facts settled) are listed apart.
 */
public final class NeedsYou {

    static final BigDecimal NEAR_BUDGET = new BigDecimal("0.75");

    /** The facts of one batch the decision reads. */
    public record Facts(List<Records.BuildResult> results, List<Records.SpecMove> moves, Set<String> handMoved,
                        List<Records.PullRequest> closedPullRequests, List<Records.IntegrationRun> integration,
                        List<Risk> risks, List<HealthCheckResult> health, List<Records.InputProblem> problems,
                        List<ReportModel.PhaseRow> phases, Budget.State spend) {
    }

    /** @param otherRisks the supervisor's risks that are not in {@code needsYou} */
    public record Decision(List<String> needsYou, List<String> otherRisks) {
    }

    private NeedsYou() {
    }

    public static Decision decide(Facts f) {
        Map<String, String> items = new LinkedHashMap<>();
        if (!f.spend().allowsRun()) {
            items.put("budget", "Budget reached: no agent runs until it resets (" + f.spend().describe() + ")");
        } else if (f.spend().dailyShare().compareTo(NEAR_BUDGET) >= 0 || f.spend().monthlyShare().compareTo(NEAR_BUDGET) >= 0) {
            items.put("budget", "Budget past 75%: " + f.spend().describe());
        }
        for (Records.PullRequest pr : f.closedPullRequests()) {
            items.putIfAbsent(pr.project() + "/" + pr.spec(), pr.project() + "/" + pr.spec() + ": "
                    + ClosedPullRequestRule.rejection(pr.number(), pr.url()));
        }
        for (Records.SpecMove m : f.moves()) {
            String key = m.project() + "/" + m.spec();
            if ("blocked".equals(m.toFolder()) && !f.handMoved().contains(key)) {
                items.putIfAbsent(key, key + " is blocked: " + m.reason());
            }
        }
        Set<String> integrated = f.integration().stream().map(Records.IntegrationRun::project).collect(Collectors.toSet());
        for (Records.IntegrationRun run : f.integration()) {
            if (!run.passed()) {
                items.putIfAbsent("base:" + run.project(), run.project() + ": base is red (integration "
                        + (run.timedOut() ? "timed out" : "failed") + " at " + CommitIds.shortId(run.commitSha())
                        + "); no new agent work there until it is green");
            }
        }
        Set<String> checked = f.health().stream().map(HealthCheckResult::project).collect(Collectors.toSet());
        for (HealthCheckResult check : f.health()) {
            if (check.outcome().failing()) {
                items.put("health:" + check.project() + ":" + check.url(), check.project() + ": " + check.url() + " "
                        + check.outcome().verb() + (check.detail() != null ? " (" + check.detail() + ")" : ""));
            }
        }
        List<String> otherRisks = new ArrayList<>();
        for (Risk risk : f.risks()) {
            String where = risk.project() != null ? risk.project() + ": " : "";
            boolean settledNow = risk.kind() == RiskKind.BUDGET
                    || risk.kind() == RiskKind.RED_BASE && integrated.contains(risk.project())
                    || risk.kind() == RiskKind.HEALTH_FAILING && checked.contains(risk.project());
            if (settledNow) {
                continue;
            }
            if (risk.kind().needsOwner()) {
                String key = risk.kind() == RiskKind.RED_BASE ? "base:" + risk.project() : "risk:" + risk.id();
                items.putIfAbsent(key, where + risk.reason());
            } else {
                otherRisks.add(where + risk.reason());
            }
        }
        for (Records.BuildResult r : f.results()) {
            if (r.outcome().failed() || r.outcome() == BuildOutcome.BUDGET_STOPPED) {
                String key = r.project() + "/" + r.spec();
                items.putIfAbsent(key, key + ": " + r.outcome().label() + (r.detail() != null ? " — " + r.detail() : ""));
            }
        }
        for (Records.InputProblem p : f.problems()) {
            items.put("file:" + p.file() + ":" + p.line() + ":" + p.message(),
                    p.file() + (p.line() != null ? ":" + p.line() : "") + ": " + p.message());
        }
        for (ReportModel.PhaseRow p : f.phases()) {
            if (p.problem()) {
                items.put("phase:" + p.name(), "phase " + p.name() + " " + p.outcome() + (p.detail() != null ? ": " + p.detail() : ""));
            }
        }
        // Work held because nightshift's own settings or state changed under the agent comes first:
        // until the owner has looked, nothing else in the home can be trusted.
        List<String> needsYou = new ArrayList<>();
        items.values().stream().filter(t -> t.contains(BuildOutcome.HOME_CHANGED)).forEach(needsYou::add);
        items.values().stream().filter(t -> !t.contains(BuildOutcome.HOME_CHANGED)).forEach(needsYou::add);
        return new Decision(List.copyOf(needsYou), List.copyOf(otherRisks));
    }
}
