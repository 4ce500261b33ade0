package dev.nightshift.report;

import dev.nightshift.agent.Budget;
import dev.nightshift.config.Durations;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records;
import dev.nightshift.store.SpecMoveRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    private final Budget budget;
    private final ZoneId zone;

    public ReportData(BatchRepository batches, PlanRepository plans, BuildRepository builds,
                      PullRequestRepository pullRequests, SpecMoveRepository moves, IntegrationRepository integration,
                      Budget budget, Clock clock) {
        this.batches = batches;
        this.plans = plans;
        this.builds = builds;
        this.pullRequests = pullRequests;
        this.moves = moves;
        this.integration = integration;
        this.budget = budget;
        this.zone = clock.getZone();
    }

    public ReportModel load(String batchId) {
        Records.Batch batch = batches.find(batchId).orElseThrow(() -> new IllegalArgumentException("no batch " + batchId));
        List<Records.BuildResult> results = builds.results(batchId);
        long succeeded = results.stream().filter(r -> r.outcome().succeeded()).count();
        long failed = results.stream().filter(r -> r.outcome().failed()).count();
        long attempted = results.stream().filter(r -> r.outcome() != BuildOutcome.SKIPPED).count();
        String subject = "[nightshift] " + (batch.dryRun() ? "dry run: " : "") + succeeded + "/" + attempted
                + " succeeded, " + failed + " failed · " + WHEN.format(batch.startedAt().atZone(zone));

        List<String> needsYou = new ArrayList<>();
        List<ReportModel.ProjectRow> rows = new ArrayList<>();
        for (Records.BuildResult r : results) {
            rows.add(projectRow(r));
            if (r.outcome().failed() || r.outcome() == BuildOutcome.BUDGET_STOPPED) {
                needsYou.add(r.project() + "/" + r.spec() + ": " + r.outcome().label()
                        + (r.detail() != null ? " — " + r.detail() : ""));
            }
        }
        List<String> moveLines = new ArrayList<>();
        for (Records.SpecMove m : moves.forBatch(batchId)) {
            moveLines.add(m.project() + "/" + m.spec() + ": " + m.fromFolder() + "/ → " + m.toFolder() + "/"
                    + (m.reason() != null ? " (" + m.reason() + ")" : ""));
            if ("blocked".equals(m.toFolder())) {
                needsYou.add(m.project() + "/" + m.spec() + " is blocked: " + m.reason());
            }
        }
        for (Records.InputProblem p : plans.problems(batchId)) {
            needsYou.add(p.file() + (p.line() != null ? ":" + p.line() : "") + ": " + p.message());
        }
        List<String> integrationLines = new ArrayList<>();
        for (Records.IntegrationRun run : integration.forBatch(batchId)) {
            String line = run.project() + " at " + shortSha(run.commitSha()) + ": " + (run.passed() ? "green" : "RED")
                    + (run.timedOut() ? " (timed out)" : "");
            integrationLines.add(line);
            if (!run.passed()) {
                needsYou.add(run.project() + ": base is red (integration failed at " + shortSha(run.commitSha())
                        + "); no new agent work there until it is green");
            }
        }
        List<ReportModel.PhaseRow> phases = phaseRows(batchId);
        phases.stream().filter(ReportModel.PhaseRow::problem)
                .forEach(p -> needsYou.add("phase " + p.name() + " " + p.outcome() + (p.detail() != null ? ": " + p.detail() : "")));

        Set<String> built = results.stream().map(Records.BuildResult::project).collect(Collectors.toSet());
        List<ReportModel.IdleProject> idle = plans.plan(batchId).stream()
                .filter(e -> !built.contains(e.project()))
                .map(e -> new ReportModel.IdleProject(e.project(), e.reason())).toList();
        List<ReportModel.QueueRow> queue = plans.queue(batchId).stream()
                .map(q -> new ReportModel.QueueRow(q.project(), q.nextCount(), q.activeCount(), q.doneCount(), q.blockedCount()))
                .toList();

        Budget.State spend = budget.now();
        boolean near = spend.dailyShare().compareTo(new BigDecimal("0.75")) >= 0
                || spend.monthlyShare().compareTo(new BigDecimal("0.75")) >= 0;
        if (!spend.allowsRun()) {
            needsYou.add(0, "Budget reached: no agent runs until it resets (" + spend.describe() + ")");
        }
        ReportModel.BudgetLine budgetLine = new ReportModel.BudgetLine(
                money(spend.spentToday()) + " of " + money(spend.dailyUsd()) + " today (" + spend.dailyPercent() + "%)",
                money(spend.spentMonth()) + " of " + money(spend.monthlyUsd()) + " this month (" + spend.monthlyPercent() + "%)",
                near);
        List<String> notes = batch.note() == null ? List.of() : batch.note().lines().toList();
        return new ReportModel(batchId, subject, WHEN.format(batch.startedAt().atZone(zone)),
                batch.status().name().toLowerCase(Locale.ROOT), batch.dryRun(), notes, needsYou, phases, rows, idle,
                queue, moveLines, integrationLines, budgetLine);
    }

    private ReportModel.ProjectRow projectRow(Records.BuildResult r) {
        String prLabel = null;
        String prUrl = null;
        if (r.prId() != null) {
            var pr = pullRequests.find(r.prId()).orElse(null);
            if (pr != null) {
                prLabel = "PR #" + pr.number() + " (" + r.prAction() + ("local".equals(pr.host()) ? ", local, branch " + pr.branch() : "") + ")";
                prUrl = pr.url().startsWith("http") ? pr.url() : null;
            }
        }
        String tone = r.outcome().succeeded() ? "ok" : r.outcome().failed() ? "bad" : "neutral";
        String tests = r.testsRun() != null ? r.testsPassed() + "/" + r.testsRun() + " passed"
                : r.outcome().succeeded() ? "passed" : r.outcome() == BuildOutcome.TESTS_FAILED ? "failed" : "not run";
        return new ReportModel.ProjectRow(r.project(), r.spec(), r.task(), r.outcome().label(), tone,
                r.agentMillis() == null ? "—" : Durations.format(Duration.ofMillis(r.agentMillis())),
                r.costUsd() == null ? "—" : money(r.costUsd()), tests, prLabel, prUrl, r.note(), r.detail(),
                r.testTail());
    }

    private List<ReportModel.PhaseRow> phaseRows(String batchId) {
        List<String> order = List.of("supervisor", "build", "maintenance", "integration", "report");
        List<ReportModel.PhaseRow> rows = new ArrayList<>();
        for (Records.Phase p : batches.phases(batchId)) {
            Instant end = p.endedAt() != null ? p.endedAt() : Instant.now();
            boolean running = "report".equals(p.phase()) && p.endedAt() == null;
            rows.add(new ReportModel.PhaseRow(order.indexOf(p.phase()) + 1, capitalize(p.phase()),
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

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(10, sha.length()));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
