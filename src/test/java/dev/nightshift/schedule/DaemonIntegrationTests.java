package dev.nightshift.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.cli.NightshiftContext;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The daemon: the real Quartz scheduler with its JDBC store fires the real job on the schedule. */
class DaemonIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aScheduleOfAFewSecondsFiresTheJobAtLeastTwiceEachWithItsOwnBatchId() throws Exception {
        TestHome home = TestHome.create(dir);
        // an agent that changes nothing: every batch runs the whole job and fails fast
        Path agent = home.agent("agent.sh", "cat > /dev/null\nexit 0\n");
        home.settings("schedule: \"*/3 * * * * ?\"\nagent: {kind: generic, command: \"" + agent + "\"}\n"
                + "build: {max-attempts: 50}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.DAEMON)) {
            context.getBean(DaemonSchedule.class).start();
            JdbcClient db = context.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    db.sql("SELECT COUNT(*) FROM batches WHERE job_execution_id IS NOT NULL AND ended_at IS NOT NULL")
                            .query(Integer.class).single() >= 2);
            context.getBean(DaemonSchedule.class).stop();
            List<String> ids = db.sql("SELECT id FROM batches WHERE job_execution_id IS NOT NULL").query(String.class).list();
            assertThat(ids).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).matches("\\d{8}-\\d{6}"));
            assertThat(db.sql("SELECT COUNT(DISTINCT JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION").query(Integer.class).single())
                    .isGreaterThanOrEqualTo(2);
            assertThat(db.sql("SELECT trigger_kind FROM batches").query(String.class).list()).containsOnly("schedule");
        }
    }
}
