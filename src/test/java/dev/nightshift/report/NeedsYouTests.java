package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.HealthOutcome;
import dev.nightshift.store.Observations.HealthCheckResult;
import dev.nightshift.store.Observations.Risk;
import dev.nightshift.store.Records;
import dev.nightshift.store.RiskKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeedsYouTests {

    private static final Instant T = Instant.parse("2026-01-13T14:00:00Z");

    @Test
    void theBudgetComesFirstWhenReachedOrPastThreeQuarters() {
        assertThat(NeedsYou.decide(facts(spend("4.60"), List.of(), List.of(), List.of())).needsYou())
                .singleElement().asString().startsWith("Budget reached: no agent runs until it resets (today $4.60 of $5.00 (92%)");
        assertThat(NeedsYou.decide(facts(spend("3.90"), List.of(), List.of(), List.of())).needsYou())
                .singleElement().asString().startsWith("Budget past 75%: today $3.90 of $5.00 (78%)");
        assertThat(NeedsYou.decide(facts(spend("1.00"), List.of(), List.of(), List.of())).needsYou()).isEmpty();
    }

    @Test
    void workHeldBecauseTheHomeChangedUnderTheAgentIsNamedBeforeEverythingElse() {
        var guard = move("shop", "0001-a", "held by a guard: a protected path changed");
        var changed = move("api", "0002-b", BuildOutcome.HOME_CHANGED + ": wip-specs/api/project.yml (changed)");

        NeedsYou.Decision decision = NeedsYou.decide(new NeedsYou.Facts(List.of(), List.of(guard, changed), Set.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), spend("4.60")));

        assertThat(decision.needsYou()).hasSize(3);
        assertThat(decision.needsYou().get(0)).isEqualTo("api/0002-b is blocked: " + BuildOutcome.HOME_CHANGED
                + ": wip-specs/api/project.yml (changed)");
        assertThat(decision.needsYou().get(1)).startsWith("Budget reached");
    }

    @Test
    void aSpecTheOwnerMovedToBlockedByHandIsNotAskedBack() {
        var byNightshift = move("shop", "0001-a", "held by a guard: a protected path changed");
        var byHand = move("shop", "0002-b", "moved by hand (found by the spec index)");

        NeedsYou.Decision decision = NeedsYou.decide(new NeedsYou.Facts(List.of(), List.of(byNightshift, byHand),
                Set.of("shop/0002-b"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), spend("0")));

        assertThat(decision.needsYou()).containsExactly("shop/0001-a is blocked: held by a guard: a protected path changed");
    }

    @Test
    void aRiskThatThisBatchSettledIsDroppedAndOnlyTheOwnersRisksNeedThem() {
        List<Risk> risks = List.of(
                risk(RiskKind.RED_BASE, "shop", "base is red: integration failed (exit 1) at 0123456789"),
                risk(RiskKind.HEALTH_FAILING, "shop", "in the last check, https://shop/healthz is down"),
                risk(RiskKind.PR_LIMIT, "api", "3 open PRs, at max-open-prs (3)"),
                risk(RiskKind.LOW_DISK, null, "512 MiB free on the disk of /srv (below 1 GiB)"),
                risk(RiskKind.BUDGET, null, "budget past 75%: an earlier reading"),
                risk(RiskKind.REPEATED_FAILURE, "api", "0003-c failed its last 2 batches (tests failed, tests failed)"),
                risk(RiskKind.AGENT_TIMEOUTS, "web", "2 agent run(s) timed out in the last 3 batches (0009-d)"));
        var green = new Records.IntegrationRun(1L, "b", "shop", "abcdef1234567", T, T, 0, false, true, 3, 3, 0, null, null);
        var up = new HealthCheckResult(1L, "b", "shop", "https://shop/healthz", 200, 200, HealthOutcome.UP, 9L, "HTTP 200", T);

        NeedsYou.Decision decision = NeedsYou.decide(new NeedsYou.Facts(List.of(), List.of(), Set.of(), List.of(),
                List.of(green), risks, List.of(up), List.of(), List.of(), spend("0")));

        assertThat(decision.needsYou()).containsExactly("api: 3 open PRs, at max-open-prs (3)",
                "512 MiB free on the disk of /srv (below 1 GiB)");
        assertThat(decision.otherRisks()).containsExactly("api: 0003-c failed its last 2 batches (tests failed, tests failed)",
                "web: 2 agent run(s) timed out in the last 3 batches (0009-d)");
    }

    @Test
    void aRedBaseIsNamedOnceWhetherFromThisBatchOrTheRisk() {
        var red = new Records.IntegrationRun(1L, "b", "shop", "abcdef1234567", T, T, 1, false, false, 3, 2, 1, null, null);
        List<Risk> risks = List.of(risk(RiskKind.RED_BASE, "shop", "base is red: integration failed (exit 1) at 0123456789"),
                risk(RiskKind.RED_BASE, "api", "base is red: integration timed out at 9876543210"));
        var failed = new Records.BuildResult("b", "web", "0001-x", "X", BuildOutcome.TESTS_FAILED, "2 failed", null, null,
                null, null, null, null, null, null, T, T);

        NeedsYou.Decision decision = NeedsYou.decide(new NeedsYou.Facts(List.of(failed), List.of(), Set.of(), List.of(),
                List.of(red), risks, List.of(), List.of(), List.of(), spend("0")));

        assertThat(decision.needsYou()).containsExactly(
                "shop: base is red (integration failed at abcdef1234); no new agent work there until it is green",
                "api: base is red: integration timed out at 9876543210",
                "web/0001-x: tests failed — 2 failed");
    }

    private static NeedsYou.Facts facts(Budget.State spend, List<Records.BuildResult> results, List<Records.SpecMove> moves,
                                        List<Risk> risks) {
        return new NeedsYou.Facts(results, moves, Set.of(), List.of(), List.of(), risks, List.of(), List.of(), List.of(), spend);
    }

    private static Budget.State spend(String today) {
        return new Budget.State(new BigDecimal(today), new BigDecimal("5.00"), new BigDecimal(today), new BigDecimal("100.00"),
                new BigDecimal("0.90"));
    }

    private static Records.SpecMove move(String project, String spec, String reason) {
        return new Records.SpecMove(1L, "b", project, spec, "next", "blocked", reason, T);
    }

    private static Risk risk(RiskKind kind, String project, String reason) {
        return new Risk((long) kind.ordinal(), "b", kind, project, null, reason, T);
    }
}
