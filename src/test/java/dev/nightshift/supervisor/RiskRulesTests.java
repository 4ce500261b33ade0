package dev.nightshift.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.HealthOutcome;
import dev.nightshift.store.Observations.HealthCheckResult;
import dev.nightshift.store.Records.AgentRun;
import dev.nightshift.store.Records.IntegrationRun;
import dev.nightshift.store.RiskKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskRulesTests {

    private static final long GIB = 1L << 30;
    private static final Path HOME = Path.of("/srv/nightshift");

    @Test
    void aSpecThatFailedItsLastTwoBatchesIsARiskOneFailureIsNot() {
        Map<String, List<BuildOutcome>> streaks = new LinkedHashMap<>();
        streaks.put("0001-twice", List.of(BuildOutcome.TESTS_FAILED, BuildOutcome.TIMED_OUT));
        streaks.put("0002-once", List.of(BuildOutcome.TESTS_FAILED));
        streaks.put("0003-fine", List.of());

        List<RiskRules.Found> risks = RiskRules.assess(List.of(project("shop", streaks, null, 0, List.of(), List.of())), calm());

        assertThat(risks).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RiskKind.REPEATED_FAILURE);
            assertThat(r.project()).isEqualTo("shop");
            assertThat(r.spec()).isEqualTo("0001-twice");
            assertThat(r.reason()).isEqualTo("0001-twice failed its last 2 batches (tests failed, timed out)");
        });
    }

    @Test
    void aRedBaseIsARiskAGreenOneIsNot() {
        IntegrationRun red = integration(false, false);
        IntegrationRun timedOut = integration(false, true);
        IntegrationRun green = integration(true, false);

        assertThat(RiskRules.assess(List.of(project("shop", Map.of(), red, 0, List.of(), List.of())), calm()))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RiskKind.RED_BASE);
                    assertThat(r.reason()).isEqualTo("base is red: integration failed (exit 1) at 0123456789; "
                            + "no new agent work on shop until it is green");
                });
        assertThat(RiskRules.assess(List.of(project("shop", Map.of(), timedOut, 0, List.of(), List.of())), calm()))
                .singleElement().extracting(RiskRules.Found::reason).asString().contains("integration timed out");
        assertThat(RiskRules.assess(List.of(project("shop", Map.of(), green, 0, List.of(), List.of())), calm())).isEmpty();
    }

    @Test
    void openPullRequestsAtTheLimitAreARisk() {
        assertThat(RiskRules.assess(List.of(project("shop", Map.of(), null, 3, List.of(), List.of())), calm()))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RiskKind.PR_LIMIT);
                    assertThat(r.reason()).startsWith("3 open PRs, at max-open-prs (3)");
                });
        assertThat(RiskRules.assess(List.of(project("shop", Map.of(), null, 2, List.of(), List.of())), calm())).isEmpty();
    }

    @Test
    void spendPastThreeQuartersOfEitherBudgetIsARisk() {
        assertThat(RiskRules.assess(List.of(), home("3.80", "10.00", 10 * GIB))).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RiskKind.BUDGET);
            assertThat(r.project()).isNull();
            assertThat(r.reason()).startsWith("budget past 75%: today $3.80 of $5.00 (76%)").endsWith("starts at 90%");
        });
        assertThat(RiskRules.assess(List.of(), home("0.10", "76.00", 10 * GIB)))
                .extracting(RiskRules.Found::kind).containsExactly(RiskKind.BUDGET);
        assertThat(RiskRules.assess(List.of(), home("3.70", "74.00", 10 * GIB))).isEmpty();
    }

    @Test
    void eachFailingHealthCheckIsARisk() {
        List<HealthCheckResult> checks = List.of(
                health("https://a.example/healthz", HealthOutcome.UP, "HTTP 200 in 12 ms"),
                health("https://b.example/healthz", HealthOutcome.DOWN, "HTTP 500, expected 200"),
                health("https://c.example/healthz", HealthOutcome.TIMED_OUT, "no answer within 10s"));

        assertThat(RiskRules.assess(List.of(project("shop", Map.of(), null, 0, checks, List.of())), calm()))
                .extracting(RiskRules.Found::kind, RiskRules.Found::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RiskKind.HEALTH_FAILING,
                                "in the last check, https://b.example/healthz is down (HTTP 500, expected 200)"),
                        org.assertj.core.groups.Tuple.tuple(RiskKind.HEALTH_FAILING,
                                "in the last check, https://c.example/healthz timed out (no answer within 10s)"));
    }

    @Test
    void agentTimeoutsInTheLastBatchesAreARisk() {
        List<AgentRun> timedOut = List.of(agentRun("0007-slow"), agentRun("0007-slow"));

        assertThat(RiskRules.assess(List.of(project("web", Map.of(), null, 0, List.of(), timedOut)), calm()))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RiskKind.AGENT_TIMEOUTS);
                    assertThat(r.reason()).isEqualTo("2 agent run(s) timed out in the last 3 batches (0007-slow): "
                            + "split the tasks smaller or raise timeouts.agent");
                });
    }

    @Test
    void lessThanOneGibibyteFreeIsARisk() {
        assertThat(RiskRules.assess(List.of(), home("0", "0", 512L << 20))).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RiskKind.LOW_DISK);
            assertThat(r.reason()).startsWith("512 MiB free on the disk of /srv/nightshift (below 1 GiB)");
        });
        assertThat(RiskRules.assess(List.of(), home("0", "0", GIB))).isEmpty();
    }

    @Test
    void everyRiskKindSaysWhetherOnlyTheOwnerCanClearIt() {
        assertThat(List.of(RiskKind.values()).stream().filter(RiskKind::needsOwner))
                .containsExactlyInAnyOrder(RiskKind.RED_BASE, RiskKind.PR_LIMIT, RiskKind.BUDGET, RiskKind.HEALTH_FAILING,
                        RiskKind.LOW_DISK, RiskKind.AGENT_COMMAND);
    }

    private static RiskRules.ProjectFacts project(String name, Map<String, List<BuildOutcome>> streaks, IntegrationRun base,
                                                  int openPrs, List<HealthCheckResult> health, List<AgentRun> timedOut) {
        return new RiskRules.ProjectFacts(name, streaks, base, openPrs, 3, health, timedOut);
    }

    private static RiskRules.HomeFacts calm() {
        return home("0.50", "10.00", 50 * GIB);
    }

    private static RiskRules.HomeFacts home(String today, String month, long free) {
        return new RiskRules.HomeFacts(new Budget.State(new BigDecimal(today), new BigDecimal("5.00"), new BigDecimal(month),
                new BigDecimal("100.00"), new BigDecimal("0.90")), HOME, free);
    }

    private static IntegrationRun integration(boolean passed, boolean timedOut) {
        return new IntegrationRun(1L, "b", "shop", "0123456789abcdef", Instant.EPOCH, Instant.EPOCH, passed ? 0 : 1,
                timedOut, passed, null, null, null, null, null);
    }

    private static HealthCheckResult health(String url, HealthOutcome outcome, String detail) {
        return new HealthCheckResult(1L, "b", "shop", url, 200, null, outcome, 10L, detail, Instant.EPOCH);
    }

    private static AgentRun agentRun(String spec) {
        return new AgentRun(1L, "b", "web", spec, "t", "build", 1, "claude", Instant.EPOCH, Instant.EPOCH, 143, true,
                false, null, false, null, null, null, null, null, null);
    }
}
