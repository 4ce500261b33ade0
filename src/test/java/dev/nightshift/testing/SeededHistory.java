package dev.nightshift.testing;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.HealthCheckRepository;
import dev.nightshift.store.HealthOutcome;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.Observations.HealthCheckResult;
import dev.nightshift.store.PhaseOutcome;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records;
import dev.nightshift.store.ReviewStatus;
import dev.nightshift.store.RiskKind;
import dev.nightshift.store.RiskRepository;
import dev.nightshift.store.SpecMoveRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database seeded the way real batches leave it: one batch on 2026-01-13 at 14:00 UTC with three
 * projects (shop opened a PR, api's tests failed, web's agent timed out), a blocked spec, a closed
 * pull request, a red base, a failed health check, risks and a review, and three earlier batches.
 * Agent notes, test output and the review carry hostile markup, as an agent or a test could.
 */
public final class SeededHistory {

    public static final String BATCH = "20260113-140000";
    public static final Instant START = Instant.parse("2026-01-13T14:00:00Z");
    public static final String HOSTILE_TAIL = "FAIL test_sum: expected 2 but was 3\n</pre><script>alert('tail')</script>";
    public static final String HOSTILE_NOTE = "Timed out <img src=x onerror=alert('note')> while refactoring";
    public static final String HOSTILE_REVIEW = "Fix api's sum test first.\n<script>alert('review')</script>";

    private SeededHistory() {
    }

    public static void seed(JdbcClient jdbc) {
        SecretMasker none = SecretMasker.none();
        BatchRepository batches = new BatchRepository(jdbc, none);
        PlanRepository plans = new PlanRepository(jdbc, none);
        BuildRepository builds = new BuildRepository(jdbc, none);
        PullRequestRepository prs = new PullRequestRepository(jdbc, none);
        AgentRunRepository agents = new AgentRunRepository(jdbc, none);

        for (int day = 3; day >= 1; day--) {
            Instant at = START.minus(Duration.ofDays(day));
            String id = "2026011" + (3 - day) + "-140000";
            batches.start(id, at, "cli", false, null, 1);
            builds.save(result(id, "shop", "0003-cart", "Cart", day == 2 ? BuildOutcome.TESTS_FAILED : BuildOutcome.PR_UPDATED,
                    null, null, null, null, 60_000L, "0.20", 30, 30, null, at));
            agentRun(agents, id, "shop", "0003-cart", at.plusSeconds(60), "0.20", false);
            batches.finish(id, day == 2 ? BatchStatus.FAILED : BatchStatus.SUCCEEDED, at.plusSeconds(900));
        }

        batches.start(BATCH, START, "cli", false, null, 1);
        phase(batches, "supervisor", "14:00:01", "14:03:33", "3 open PR(s) checked (0 merged, 1 closed); 3 risk(s)");
        phase(batches, "build", "14:03:33", "14:22:21", "3 project(s): 1 PR opened, 1 tests failed, 1 timed out");
        phase(batches, "maintenance", "14:22:21", "14:23:02", "1 health check(s): 1 down");
        phase(batches, "integration", "14:23:02", "14:31:40", "api RED");
        phase(batches, "report", "14:31:40", "14:31:44", "saved");
        plans.save(new Records.PlanEntry(BATCH, "api", "0002-sum", "Sum two numbers", 0, "next in queue, priority 5"));
        plans.save(new Records.PlanEntry(BATCH, "shop", "0004-billing", "Customer model", 0, "active spec, task 1 of 2, priority 2"));
        plans.save(new Records.PlanEntry(BATCH, "web", "0007-slow", "Refactor", 0, "next in queue, priority 5"));
        plans.snapshot(new Records.QueueSnapshot(BATCH, "api", 2, 0, 1, 0));
        plans.snapshot(new Records.QueueSnapshot(BATCH, "shop", 1, 1, 4, 0));
        plans.snapshot(new Records.QueueSnapshot(BATCH, "web", 0, 0, 0, 2));

        long pr = prs.insert("shop", "0004-billing", "github", 12, "https://github.com/me/shop/pull/12",
                "nightshift/0004-billing", "Billing", "abc123", "body", at("14:20:00"));
        prs.recordUpdate(pr, BATCH, "opened", "abc123", null, at("14:20:00"));
        long closed = prs.insert("api", "0001-auth", "github", 3, "https://github.com/me/api/pull/3",
                "nightshift/0001-auth", "Auth", "def456", "body", START.minus(Duration.ofDays(2)));
        prs.updateState(closed, PullRequestState.CLOSED, at("14:01:10"));

        builds.save(result(BATCH, "shop", "0004-billing", "Customer model", BuildOutcome.PR_OPENED, null, null, pr, "opened",
                252_000L, "0.42", 41, 41, "Added the Customer model; the webhook is next.", at("14:03:40")));
        builds.save(result(BATCH, "api", "0002-sum", "Sum two numbers", BuildOutcome.TESTS_FAILED,
                "the tests failed after 1 fix attempt", HOSTILE_TAIL, null, null, 190_000L, "0.30", 40, 38, null,
                at("14:03:40")));
        builds.saveGate(new dev.nightshift.store.Records.GateRun(null, BATCH, "api", "0002-sum", "test", 2,
                at("14:03:10"), at("14:03:30"), 1, false, 40, 38, 2, 0, false, "the test command exited with 1",
                "reports/" + BATCH + "/logs/test-api-2.log", HOSTILE_TAIL));
        builds.save(result(BATCH, "web", "0007-slow", "Refactor", BuildOutcome.TIMED_OUT,
                "the agent timed out after 30m00s; its process tree was killed", null, null, null, 1_800_000L, "1.10",
                null, null, HOSTILE_NOTE, at("14:03:40")));
        agentRun(agents, BATCH, "shop", "0004-billing", at("14:03:41"), "0.42", false);
        agentRun(agents, BATCH, "api", "0002-sum", at("14:03:42"), "0.30", false);
        agentRun(agents, BATCH, "web", "0007-slow", at("14:03:43"), "1.10", true);

        new SpecMoveRepository(jdbc, none).record(BATCH, "web", "0005-cleanup", "next", "blocked",
                "held by a guard: the change deletes 900 lines (max-deleted-lines 400)", at("14:10:00"));
        new SpecMoveRepository(jdbc, none).record(BATCH, "api", "0001-auth", "active", "blocked",
                "PR #3 was closed without merge", at("14:01:10"));
        new IntegrationRepository(jdbc, none).save(new Records.IntegrationRun(null, BATCH, "api", "abcdef1234567890",
                at("14:23:05"), at("14:31:30"), 1, false, false, 12, 11, 1, "reports/x/logs/integration-api.log", "1 failed"));
        new HealthCheckRepository(jdbc, none).save(new HealthCheckResult(null, BATCH, "shop", "https://shop.example.com/healthz",
                200, 500, HealthOutcome.DOWN, 41L, "HTTP 500, expected 200", at("14:22:30")));
        RiskRepository risks = new RiskRepository(jdbc, none);
        risks.save(BATCH, RiskKind.REPEATED_FAILURE, "api", "0002-sum", "0002-sum failed its last 2 batches (tests failed, tests failed)", at("14:02:00"));
        risks.save(BATCH, RiskKind.AGENT_TIMEOUTS, "web", null, "1 agent run(s) timed out in the last 3 batches (0007-slow)", at("14:02:00"));
        risks.saveReview(BATCH, null, ReviewStatus.WRITTEN, HOSTILE_REVIEW, at("14:03:30"));
        batches.finish(BATCH, BatchStatus.FAILED, at("14:31:45"));
    }

    public static Instant at(String hhmmss) {
        return Instant.parse("2026-01-13T" + hhmmss + "Z");
    }

    private static void phase(BatchRepository batches, String phase, String from, String to, String detail) {
        batches.startPhase(BATCH, phase, at(from));
        batches.endPhase(BATCH, phase, PhaseOutcome.COMPLETED, detail, at(to));
    }

    private static void agentRun(AgentRunRepository agents, String batch, String project, String spec, Instant at,
                                 String cost, boolean timedOut) {
        long id = agents.start(batch, project, spec, "task", "build", 1, "claude", at, "reports/x/logs/agent.log");
        agents.finish(id, at.plusSeconds(60), timedOut ? 143 : 0, timedOut, !timedOut, new BigDecimal(cost), false,
                1000L, 200L, 0L, 0L, "done");
    }

    private static Records.BuildResult result(String batch, String project, String spec, String task, BuildOutcome outcome,
                                              String detail, String tail, Long prId, String action, Long millis,
                                              String cost, Integer run, Integer passed, String note, Instant at) {
        return new Records.BuildResult(batch, project, spec, task, outcome, detail, tail, prId, action, millis,
                new BigDecimal(cost), run, passed, note, at, at.plusMillis(millis));
    }
}
