package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.Database;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records;
import dev.nightshift.store.SpecMoveRepository;
import dev.nightshift.testing.SeededHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report's subject and first line say what happened, the history says which batch died, and
 * the spend section what a merged change cost.
 */
class ReportWordingIntegrationTests {

    private static final Instant LATER = SeededHistory.START.plus(Duration.ofHours(2));
    private static final Clock CLOCK = Clock.fixed(LATER.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aBatchThatOnlySawAMergeSaysSoRatherThanZeroOfZero() {
        ReportModel model = render((jdbc, batches) -> {
            batches.start("20260113-160000", LATER, "cli", false, null, 1);
            new SpecMoveRepository(jdbc, SecretMasker.none()).record("20260113-160000", "shop", "0004-billing", "active",
                    "done", "PR #12 was merged", LATER.plusSeconds(20));
            batches.finish("20260113-160000", BatchStatus.SUCCEEDED, LATER.plusSeconds(60));
        }, "20260113-160000");

        assertThat(model.subject()).isEqualTo("[nightshift] 1 merged · 2026-01-13 16:00");
        assertThat(new ReportRenderer().text(model)).startsWith("[nightshift] 1 merged · 2026-01-13 16:00\n");
        assertThat(new ReportRenderer().html(model)).contains(">[nightshift] 1 merged · 2026-01-13 16:00</h1>")
                .doesNotContain("0/0 succeeded");
    }

    @Test
    void aDryRunSaysWhatItPlanned() {
        ReportModel model = render((jdbc, batches) -> {
            batches.start("20260113-160000", LATER, "cli", true, null, 1);
            PlanRepository plans = new PlanRepository(jdbc, SecretMasker.none());
            plans.save(new Records.PlanEntry("20260113-160000", "shop", "0004-billing", "Webhook endpoint", 1, "active spec"));
            plans.save(new Records.PlanEntry("20260113-160000", "web", null, null, null, "nothing queued"));
            batches.finish("20260113-160000", BatchStatus.SUCCEEDED, LATER.plusSeconds(5));
        }, "20260113-160000");

        assertThat(model.subject()).isEqualTo("[nightshift] dry run: would build shop/0004-billing · 2026-01-13 16:00");
        assertThat(new ReportRenderer().text(model)).startsWith("[nightshift] dry run: would build shop/0004-billing");
    }

    @Test
    void theHistoryMarksABatchThatDiedAsDied() {
        ReportModel model = render((jdbc, batches) -> {
            batches.start("20260113-160000", LATER, "cli", false, null, 1);
            batches.finish("20260113-160000", BatchStatus.CRASHED, LATER.plusSeconds(300));
            batches.start("20260113-180000", LATER.plus(Duration.ofHours(2)), "cli", false, null, 1);
            batches.finish("20260113-180000", BatchStatus.SUCCEEDED, LATER.plus(Duration.ofHours(2)).plusSeconds(60));
        }, "20260113-180000");

        assertThat(model.chart().batchLines()).contains("20260113-160000: died", "20260113-140000: 1 succeeded, 2 failed")
                .doesNotContain("20260113-160000: 0 succeeded, 0 failed");
        assertThat(model.chart().summary()).contains("1 batch(es) died");
        String html = new ReportRenderer().html(model);
        String row = html.substring(html.indexOf(">01-13 16:00<"), html.indexOf(">01-13 18:00<"));
        assertThat(row).contains(">died<").doesNotContain("succeeded");
        assertThat(new ReportRenderer().text(model)).contains("  20260113-160000: died");
    }

    @Test
    void theSpendSectionGivesWhatEachSpecMergedThisMonthCostAndTheMonthsAverage() {
        ReportModel model = render((jdbc, batches) -> {
            PullRequestRepository prs = new PullRequestRepository(jdbc, SecretMasker.none());
            long cart = prs.insert("shop", "0003-cart", "local", 7, "local:shop/7", "nightshift/0003-cart", "Cart", "c0ffee",
                    "body", SeededHistory.START.minus(Duration.ofDays(3)));
            prs.updateState(cart, PullRequestState.MERGED, LATER.plusSeconds(20));
            long billing = prs.open().stream().filter(pr -> pr.spec().equals("0004-billing")).findFirst().orElseThrow().id();
            prs.updateState(billing, PullRequestState.MERGED, LATER.plusSeconds(30));
            long typo = prs.insert("docs", "0009-typo", "local", 1, "local:docs/1", "nightshift/0009-typo", "Typo", "beef",
                    "body", LATER);
            prs.updateState(typo, PullRequestState.MERGED, LATER.plusSeconds(40));
            long lastMonth = prs.insert("web", "0001-old", "local", 2, "local:web/2", "nightshift/0001-old", "Old", "dead",
                    "body", Instant.parse("2025-12-20T10:00:00Z"));
            prs.updateState(lastMonth, PullRequestState.MERGED, Instant.parse("2025-12-21T10:00:00Z"));
            batches.start("20260113-160000", LATER, "cli", false, null, 1);
            batches.finish("20260113-160000", BatchStatus.SUCCEEDED, LATER.plusSeconds(60));
        }, "20260113-160000");

        // shop/0003-cart: three runs of $0.20 in three batches; shop/0004-billing: one of $0.42; docs: no run reported a cost
        String line = "Merged this month: 3 specs, $0.51 per merged PR on average (of the 2 with a known cost):"
                + " shop/0003-cart $0.60, shop/0004-billing $0.42, docs/0009-typo cost unknown";
        assertThat(model.budget().mergedCosts()).isEqualTo(line);
        assertThat(new ReportRenderer().text(model)).contains("BUDGET\n", "this month (", "\n  " + line + "\n");
        String html = new ReportRenderer().html(model);
        assertThat(html.substring(html.indexOf(">Budget<"), html.indexOf(">History<"))).contains(line);
    }

    @Test
    void aMonthWithoutAMergeHasNoSuchRow() {
        ReportModel model = render((jdbc, batches) -> { }, SeededHistory.BATCH);

        assertThat(model.budget().mergedCosts()).isNull();
        assertThat(new ReportRenderer().text(model)).doesNotContain("Merged this month");
    }

    private interface Seed {
        void seed(JdbcClient jdbc, BatchRepository batches);
    }

    private ReportModel render(Seed seed, String batchId) {
        try (Database.Held db = Database.hold(new Home(dir))) {
            SeededHistory.seed(db.jdbc());
            seed.seed(db.jdbc(), new BatchRepository(db.jdbc(), SecretMasker.none()));
            return StandaloneReports.data(db.jdbc(), NightshiftSettings.defaults(), CLOCK).load(batchId);
        }
    }
}
