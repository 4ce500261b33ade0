package dev.nightshift.report;

import dev.nightshift.store.Budget;
import dev.nightshift.config.AgentKind;
import dev.nightshift.config.BudgetSettings;
import dev.nightshift.config.Durations;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.git.CommitIds;
import dev.nightshift.phase.Phase;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.HealthCheckRepository;
import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.Observations;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records;
import dev.nightshift.store.ReviewRepository;
import dev.nightshift.store.RiskRepository;
import dev.nightshift.store.SpecChange;
import dev.nightshift.store.SpecIndexRepository;
import dev.nightshift.store.SpecMoveRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads one batch's results from the database and words them for the report. */
@Component
public class ReportData {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final BatchRepository batches;
    private final PlanRepository plans;
    private final BuildRepository builds;
    private final PullRequestRepository pullRequests;
    private final SpecMoveRepository moves;
    private final IntegrationRepository integration;
    private final RiskRepository risks;
    private final HealthCheckRepository health;
    private final SpecIndexRepository specIndex;
    private final HistoryRepository history;
    private final ReviewRepository reviews;
    private final ReportChart chart;
    private final BudgetSettings budget;
    private final AgentKind agentKind;
    private final Clock clock;
    private final ZoneId zone;

    public ReportData(BatchRepository batches, PlanRepository plans, BuildRepository builds,
                      PullRequestRepository pullRequests, SpecMoveRepository moves, IntegrationRepository integration,
                      RiskRepository risks, HealthCheckRepository health, SpecIndexRepository specIndex,
                      HistoryRepository history, ReviewRepository reviews, ReportChart chart, NightshiftSettings settings,
                      Clock clock) {
        this.reviews = reviews;
        this.batches = batches;
        this.plans = plans;
        this.builds = builds;
        this.pullRequests = pullRequests;
        this.moves = moves;
        this.integration = integration;
        this.risks = risks;
        this.health = health;
        this.specIndex = specIndex;
        this.history = history;
        this.chart = chart;
        this.budget = settings.budget();
        this.agentKind = settings.agent().kind();
        this.clock = clock;
        this.zone = clock.getZone();
    }

    public ReportModel load(String batchId) {
        Records.Batch batch = batches.find(batchId).orElseThrow(() -> new IllegalArgumentException("no batch " + batchId));
        Instant asOf = batch.endedAt() != null ? batch.endedAt() : clock.instant();
        List<Records.BuildResult> results = builds.results(batchId);
        List<Records.PlanEntry> planned = plans.plan(batchId);
        Map<String, Records.PlanEntry> plan = planned.stream()
                .collect(Collectors.toMap(Records.PlanEntry::project, Function.identity()));
        Map<String, Integer> failedTests = failedTests(builds.gates(batchId));
        List<ReportModel.ProjectRow> rows = results.stream()
                .map(r -> projectRow(r, plan.containsKey(r.project()) ? plan.get(r.project()).reason() : null,
                        failedTests.get(r.project() + "/" + r.spec()))).toList();
        List<Records.SpecMove> batchMoves = moves.forBatch(batchId);
        List<Observations.SpecIndexChange> changes = specIndex.changes(batchId);
        Set<String> handMoved = changes.stream().filter(c -> c.change() == SpecChange.MOVED_BY_HAND)
                .map(c -> c.project() + "/" + c.spec()).collect(Collectors.toSet());
        List<Records.IntegrationRun> runs = integration.forBatch(batchId);
        List<Observations.HealthCheckResult> checks = health.forBatch(batchId);
        List<ReportModel.PhaseRow> phases = phaseRows(batchId);
        Budget.State spend = spendAsOf(asOf);
        List<Records.PullRequest> closed = history.closedBetween(batch.startedAt(), asOf);
        List<Records.InputProblem> problems = plans.problems(batchId);
        String subject = "[nightshift] " + ReportHeadline.of(new ReportHeadline.Facts(batch, results, batchMoves, closed,
                planned, !phases.isEmpty())) + " · " + WHEN.format(batch.startedAt().atZone(zone));
        NeedsYou.Decision decision = NeedsYou.decide(new NeedsYou.Facts(results, batchMoves, handMoved, closed, runs,
                risks.forBatch(batchId), checks, problems, phases, spend));

        ReviewLines review = ReviewLines.of(pullRequests.open(), reviews);
        List<String> needsYou = new ArrayList<>(decision.needsYou());
        needsYou.addAll(review.needsYou());
        List<String> moveLines = batchMoves.stream().map(m -> m.project() + "/" + m.spec() + ": " + m.fromFolder()
                + "/ → " + m.toFolder() + "/" + (m.reason() != null ? " (" + m.reason() + ")" : "")).toList();
        List<String> integrationLines = runs.stream().map(ReportData::integrationLine).toList();
        Set<String> built = results.stream().map(Records.BuildResult::project).collect(Collectors.toSet());
        List<ReportModel.IdleProject> idle = plan.values().stream().filter(e -> !built.contains(e.project()))
                .sorted(java.util.Comparator.comparing(Records.PlanEntry::project))
                .map(e -> new ReportModel.IdleProject(e.project(), e.reason())).toList();
        List<ReportModel.QueueRow> queue = plans.queue(batchId).stream()
                .map(q -> new ReportModel.QueueRow(q.project(), q.nextCount(), q.activeCount(), q.doneCount(), q.blockedCount()))
                .toList();
        boolean near = spend.dailyShare().compareTo(NeedsYou.NEAR_BUDGET) >= 0
                || spend.monthlyShare().compareTo(NeedsYou.NEAR_BUDGET) >= 0;
        LocalDate asOfDay = LocalDate.ofInstant(asOf, zone);
        String merged = MergeCosts.line(history.mergedCosts(asOfDay.withDayOfMonth(1).atStartOfDay(zone).toInstant(),
                asOf.plusMillis(1)));
        ReportModel.BudgetLine budgetLine = !Budget.sees(agentKind) ? new ReportModel.BudgetLine(
                capitalize(Budget.COST_UNKNOWN), "agent.kind generic reports no cost: watch its spend where its model is billed",
                true, merged)
                : new ReportModel.BudgetLine(
                money(spend.spentToday()) + " of " + money(spend.dailyUsd()) + " today (" + spend.dailyPercent() + "%)",
                money(spend.spentMonth()) + " of " + money(spend.monthlyUsd()) + " this month (" + spend.monthlyPercent() + "%)",
                near, merged);
        ReportModel.Review supervisorReview = risks.review(batchId).map(r -> new ReportModel.Review(
                r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.text())).orElse(null);
        List<ReportModel.HealthRow> healthRows = checks.stream().map(c -> new ReportModel.HealthRow(c.project(), c.url(),
                c.outcome().label(), c.outcome().failing() ? "bad" : "ok",
                c.latencyMs() == null ? "—" : c.latencyMs() + " ms", c.detail())).toList();
        List<String> changeLines = changeLines(changes);
        List<String> notes = batch.note() == null ? List.of() : batch.note().lines().toList();
        boolean eventful = !results.isEmpty() || !batchMoves.isEmpty() || !runs.isEmpty() || !closed.isEmpty()
                || !problems.isEmpty() || !notes.isEmpty() || phases.stream().anyMatch(ReportModel.PhaseRow::problem)
                || checks.stream().anyMatch(c -> c.outcome().failing());
        return new ReportModel(batchId, subject, WHEN.format(batch.startedAt().atZone(zone)),
                batch.status().name().toLowerCase(Locale.ROOT), batch.dryRun(), notes, needsYou, phases, rows,
                idle, queue, moveLines, integrationLines, budgetLine, decision.otherRisks(), supervisorReview, healthRows,
                changeLines, review.perPullRequest(), review.readyToMerge(), chart.chart(batch, asOf, zone), eventful);
    }

    /** Spend today and this month as they stood when the batch ended, so a report rendered again says the same. */
    private Budget.State spendAsOf(Instant asOf) {
        LocalDate day = LocalDate.ofInstant(asOf, zone);
        Instant end = asOf.plusMillis(1);
        return new Budget.State(history.spend(day.atStartOfDay(zone).toInstant(), end), budget.dailyUsd(),
                history.spend(day.withDayOfMonth(1).atStartOfDay(zone).toInstant(), end), budget.monthlyUsd(),
                budget.stopAt());
    }

    /** Per project and spec, the tests its last gate attempt counted as failed (test and verify); absent when not counted. */
    private static Map<String, Integer> failedTests(List<Records.GateRun> gates) {
        Map<String, Integer> lastAttempt = new java.util.HashMap<>();
        gates.forEach(g -> lastAttempt.merge(g.project() + "/" + g.spec(), g.attempt(), Math::max));
        Map<String, Integer> failed = new java.util.HashMap<>();
        gates.stream().filter(g -> g.testsFailed() != null && g.attempt() == lastAttempt.get(g.project() + "/" + g.spec()))
                .forEach(g -> failed.merge(g.project() + "/" + g.spec(), g.testsFailed(), Integer::sum));
        return failed;
    }

    private ReportModel.ProjectRow projectRow(Records.BuildResult r, String why, Integer failedTests) {
        String prLabel = null;
        String prUrl = null;
        if (r.prId() != null) {
            var pr = pullRequests.find(r.prId()).orElse(null);
            if (pr != null) {
                prLabel = "PR #" + pr.number() + " (" + r.prAction() + ("local".equals(pr.host()) ? ", local, branch " + pr.branch() : "") + ")";
                prUrl = pr.url().startsWith("https://") || pr.url().startsWith("http://") ? pr.url() : null;
            }
        }
        String tone = r.outcome().succeeded() ? "ok" : r.outcome().failed() ? "bad" : "neutral";
        String tests = r.testsRun() != null ? r.testsRun() + " run, " + r.testsPassed() + " passed"
                + (failedTests != null ? ", " + failedTests + " failed" : "")
                : r.outcome().succeeded() ? "passed" : r.outcome() == BuildOutcome.TESTS_FAILED ? "failed"
                : r.outcome() == BuildOutcome.TESTS_NOT_COUNTED ? "not counted" : "not run";
        return new ReportModel.ProjectRow(r.project(), r.spec(), r.task(), r.outcome().label(), tone,
                r.agentMillis() == null ? "—" : Durations.format(Duration.ofMillis(r.agentMillis())),
                !Budget.sees(agentKind) ? "unknown" : r.costUsd() == null ? "—" : money(r.costUsd()), tests, prLabel, prUrl, r.note(), r.detail(),
                r.testTail(), why);
    }

    /** New files grouped into a line per project (a home's first batch finds every spec new); the rest one each. */
    private static List<String> changeLines(List<Observations.SpecIndexChange> changes) {
        List<String> lines = new ArrayList<>();
        changes.stream().filter(c -> c.change() == SpecChange.NEW)
                .collect(Collectors.groupingBy(Observations.SpecIndexChange::project, java.util.TreeMap::new,
                        Collectors.mapping(Observations.SpecIndexChange::spec, Collectors.toList())))
                .forEach((project, specs) -> lines.add(project + ": " + specs.size() + " new spec file(s): "
                        + String.join(", ", specs)));
        changes.stream().filter(c -> c.change() != SpecChange.NEW).forEach(c -> lines.add(c.project() + "/" + c.spec()
                + ": " + c.change().label() + (c.detail() != null ? " (" + c.detail() + ")" : "")));
        return lines;
    }

    private static String integrationLine(Records.IntegrationRun run) {
        return run.project() + " at " + CommitIds.shortId(run.commitSha()) + ": " + (run.passed() ? "green" : "RED")
                + (run.timedOut() ? " (timed out)" : "")
                + (run.testsRun() != null ? ", " + run.testsRun() + " tests run, " + run.testsPassed() + " passed" : "");
    }

    private List<ReportModel.PhaseRow> phaseRows(String batchId) {
        List<ReportModel.PhaseRow> rows = new ArrayList<>();
        for (Records.Phase p : batches.phases(batchId)) {
            Instant end = p.endedAt() != null ? p.endedAt() : clock.instant();
            boolean running = Phase.REPORT.key().equals(p.phase()) && p.endedAt() == null;
            rows.add(new ReportModel.PhaseRow(Phase.find(p.phase()).map(Phase::number).orElse(0), capitalize(p.phase()),
                    CLOCK.format(p.startedAt().atZone(zone)),
                    running ? "now" : Durations.format(Duration.between(p.startedAt(), end)),
                    running ? "writing this report" : p.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    !running && p.outcome().isProblem(), p.detail()));
        }
        return rows;
    }

    static String money(BigDecimal amount) {
        return "$" + amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
