package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.cli.NightshiftContext;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An idle or paused batch is decided and recorded before Spring starts when it can be, and by the
 * launcher otherwise: either way the owner finds the same record, the same words and the same
 * {@code status}.
 */
class IdlePathsIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void anIdleBatchLeavesTheSameRowsMessageAndStatusWhicheverPathDecidedIt() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");
        assertSamePaths(home, "IDLE");
    }

    @Test
    void aPausedBatchLeavesTheSameRowsMessageAndStatusWhicheverPathDecidedIt() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        assertThat(home.run("pause", "holiday")).isZero();
        assertSamePaths(home, "PAUSED");
    }

    @Test
    void aQueueWhoseOnlyWaitingSpecIsBrokenIsIdleOnceTheLauncherHasReadIt() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        // A spec file waits, so the quick path leaves the batch to the launcher, which reads it: broken, skipped.
        home.spec("shop", "next", "0001-broken", "---\npriority: 1\n# The front matter is never closed\n");

        Captured run = Captured.run(home, "run");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("batch \\d{8}-\\d{6} idle: nothing queued or active\\s*");
        assertThat(home.db().sql("SELECT status FROM batches").query(String.class).single()).isEqualTo("IDLE");
    }

    private void assertSamePaths(TestHome home, String status) {
        // Given the quick path's batch (the command line; the database exists, so its record waits
        // beside it until the launcher's batch starts) and the launcher's (the daemon's way in)
        home.db();
        Captured quick = Captured.run(home, "run");
        assertThat(home.home().pendingBatches()).isNotEmptyFile();
        BatchResult full;
        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.BATCH)) {
            full = context.getBean(BatchLauncher.class).launch(new BatchRequest("cli", false, null));
        }

        // Then both are recorded alike
        JdbcClient db = home.db();
        List<String> ids = db.sql("SELECT id FROM batches ORDER BY id").query(String.class).list();
        assertThat(ids).hasSize(2).last().isEqualTo(full.batchId());
        String quickId = ids.get(0);
        assertThat(quick.exit()).isZero().isEqualTo(full.exitCode());
        assertThat(quick.out().strip().replace(quickId, "ID")).isEqualTo(full.message().replace(full.batchId(), "ID"))
                .startsWith("batch ID " + status.toLowerCase(java.util.Locale.ROOT) + ": ");
        Map<String, Object> quickRow = row(db, quickId);
        assertThat(quickRow).containsEntry("STATUS", status).containsEntry("TRIGGER_KIND", "cli");
        assertThat(quickRow.get("NODE")).as("the node it ran on").isNotNull();
        assertThat(quickRow).isEqualTo(row(db, full.batchId()));
        // Nothing else of either batch anywhere: no phase, plan, build, mail or snapshot row.
        List<String> tables = db.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME = 'BATCH_ID'"
                + " AND TABLE_SCHEMA = 'PUBLIC'").query(String.class).list();
        assertThat(tables).contains("PHASE_RESULTS", "PLANS", "BUILD_RESULTS", "MAIL_DELIVERIES");
        for (String table : tables) {
            assertThat(db.sql("SELECT COUNT(*) FROM " + table + " WHERE batch_id IN (?, ?)").params(quickId, full.batchId())
                    .query(Integer.class).single()).as(table).isZero();
        }
        assertThat(db.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Integer.class).single()).isZero();
        assertThat(home.root().resolve("reports")).as("no batch folder from either path")
                .satisfies(reports -> assertThat(!Files.exists(reports) || Files.list(reports).findAny().isEmpty()).isTrue());
        assertThat(BatchLock.holder(home.home().lockFile())).startsWith("free");

        // And status shows them alike
        String history = Captured.run(home, "status").section("LAST BATCHES");
        List<String> lines = history.lines().filter(l -> l.contains(quickId) || l.contains(full.batchId()))
                .map(l -> l.replace(quickId, "ID").replace(full.batchId(), "ID").replaceAll(" \\d+(\\.\\d)?s ", " TOOK "))
                .toList();
        assertThat(lines).hasSize(2).allMatch(l -> l.contains(status.toLowerCase(java.util.Locale.ROOT)));
        assertThat(lines.get(0)).isEqualTo(lines.get(1));
    }

    @Test
    void anIdleRunInAFreshProcessStartsNeitherTheDatabaseEngineNorTheLoggingSystem() throws Exception {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");
        home.db();
        Path classes = dir.resolve("classes.log");
        ProcessBuilder child = ChildNightshift.builder(home, dir.resolve("child.log"), "run");
        child.command().add(1, "-Xlog:class+load=info:file=" + classes);

        Process process = child.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("dev.nightshift.batch.QuickBatch ").contains("dev.nightshift.store.PendingBatches ")
                .doesNotContain("org.h2.engine.Database ").doesNotContain("ch.qos.logback.classic.LoggerContext ")
                .doesNotContain("org.springframework.context.");
        String id = Files.readString(dir.resolve("child.log")).replaceAll("(?s).*batch (\\d{8}-\\d{6}) idle.*", "$1");
        assertThat(home.db().sql("SELECT status FROM batches WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("IDLE");
    }

    /** A batch's row without what differs between any two batches: the id, the times and the process. */
    private static Map<String, Object> row(JdbcClient db, String id) {
        Map<String, Object> row = new TreeMap<>(db.sql("SELECT * FROM batches WHERE id = ?").param(id).query().singleRow());
        List.of("ID", "STARTED_AT", "ENDED_AT", "PID").forEach(row::remove);
        return row;
    }
}
