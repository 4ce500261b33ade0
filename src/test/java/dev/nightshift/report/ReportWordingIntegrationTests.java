package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.Database;
import dev.nightshift.store.PlanRepository;
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

/** The report's subject and first line say what happened, and the history says which batch died. */
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
