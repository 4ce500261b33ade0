package dev.nightshift.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.RetentionSettings;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.Database;
import dev.nightshift.store.RetentionRepository;
import dev.nightshift.testing.SeededHistory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reports and runs past retention go; what later batches still need stays. */
class RetentionPrunerTests {

    /** A year and a month after the seeded batches of January 2026. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-02-10T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Database.Held held;
    private Home home;
    private JdbcClient jdbc;
    private RetentionPruner pruner;

    @AfterEach
    void close() {
        held.close();
    }

    @BeforeEach
    void seed() throws Exception {
        home = new Home(dir);
        held = Database.hold(home);
        jdbc = held.jdbc();
        SeededHistory.seed(jdbc);
        jdbc.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (7, 0, 'nightshift', 'k')").update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME) VALUES (70, 0, 7, CURRENT_TIMESTAMP)").update();
        jdbc.sql("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME) VALUES (700, 0, 'build', 70, CURRENT_TIMESTAMP)").update();
        jdbc.sql("INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT) VALUES (700, '{}')").update();
        jdbc.sql("UPDATE batches SET job_execution_id = 70 WHERE id = ?").param(SeededHistory.BATCH).update();
        // a recent batch, whose agent run counts towards this month's budget
        BatchRepository batches = new BatchRepository(jdbc, SecretMasker.none());
        Instant recent = Instant.parse("2027-02-09T14:00:00Z");
        batches.start("20270209-140000", recent, "cli", false, null, 1);
        AgentRunRepository agents = new AgentRunRepository(jdbc, SecretMasker.none());
        long run = agents.start("20270209-140000", "shop", "0009-new", "t", "build", 1, "claude", recent, "log");
        agents.finish(run, recent.plusSeconds(60), 0, false, true, new BigDecimal("0.75"), false, 1L, 1L, 0L, 0L, "ok");
        batches.finish("20270209-140000", BatchStatus.SUCCEEDED, recent.plusSeconds(600));
        Files.createDirectories(home.batchReports(SeededHistory.BATCH));
        Files.writeString(home.batchReports(SeededHistory.BATCH).resolve("report.html"), "old");
        Files.createDirectories(home.batchReports("20270209-140000"));
        Files.createDirectories(home.outbox());
        pruner = new RetentionPruner(home, new NightshiftSettings(null, null, null, null, null, null, null, null,
                new RetentionSettings(30, 365), null, null, null), new RetentionRepository(jdbc), CLOCK);
    }

    @Test
    void batchesPastRunsDaysAndReportsPastReportsDaysArePruned() throws Exception {
        RetentionPruner.Pruned pruned = pruner.prune(new BatchRun("20270210-120000", false, null, CLOCK.instant(), "cli"));

        assertThat(pruned).isEqualTo(new RetentionPruner.Pruned(1, 4));
        assertThat(strings("SELECT id FROM batches")).containsExactly("20270209-140000");
        for (String table : new String[] {"phase_results", "plans", "build_results", "risks", "reviews", "health_checks",
                "spec_moves", "queue_snapshots", "pull_request_updates"}) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(strings("SELECT batch_id FROM agent_runs")).as("this month's runs stay for the budget")
                .containsExactly("20270209-140000");
        assertThat(count("SELECT COUNT(*) FROM integration_runs WHERE project = 'api'"))
                .as("the newest integration run of a project says whether base is green").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM pull_requests")).as("pull requests are never pruned").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isZero();
        assertThat(count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT")).isZero();
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isZero();
        assertThat(home.batchReports(SeededHistory.BATCH)).doesNotExist();
        assertThat(home.batchReports("20270209-140000")).exists();
        assertThat(home.outbox()).exists();
    }

    @Test
    void aDryRunCountsButDeletesNothing() throws Exception {
        RetentionPruner.Pruned pruned = pruner.prune(new BatchRun("20270210-120000", true, null, CLOCK.instant(), "cli"));

        assertThat(pruned).isEqualTo(new RetentionPruner.Pruned(1, 4));
        assertThat(count("SELECT COUNT(*) FROM batches")).isEqualTo(5);
        assertThat(home.batchReports(SeededHistory.BATCH)).exists();
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private java.util.List<String> strings(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }
}
