package dev.nightshift.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.cli.NightshiftContext;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A daemon started after a fire it missed fires once at once, and the batch and its report say it catches up. */
class CatchUpIntegrationTests {

    private static final String EVERY_FIVE_MINUTES = "0 0/5 * * * ?";

    @TempDir
    Path dir;

    @Test
    void aFireMissedWhileTheDaemonWasDownIsCaughtUpOnceAndReportedAsSuch() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\nexit 0\n");
        home.settings("schedule: \"" + EVERY_FIVE_MINUTES + "\"\nagent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.DAEMON)) {
            // The stored trigger of a daemon that went down twelve minutes ago, its next fires missed.
            Scheduler quartz = context.getBean(Scheduler.class);
            quartz.addJob(JobBuilder.newJob(BatchFireJob.class).withIdentity(DaemonSchedule.JOB).storeDurably().build(), true);
            quartz.scheduleJob(TriggerBuilder.newTrigger().withIdentity(DaemonSchedule.TRIGGER).forJob(DaemonSchedule.JOB)
                    .withSchedule(CronScheduleBuilder.cronSchedule(EVERY_FIVE_MINUTES).withMisfireHandlingInstructionFireAndProceed())
                    .startAt(Date.from(Instant.now().minus(Duration.ofMinutes(12)))).build());

            context.getBean(DaemonSchedule.class).start();

            JdbcClient db = context.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    db.sql("SELECT COUNT(*) FROM batches WHERE ended_at IS NOT NULL").query(Integer.class).single() >= 1);
            context.getBean(DaemonSchedule.class).stop();

            var batch = db.sql("SELECT id, started_at, note FROM batches ORDER BY id").query().listOfRows().get(0);
            Instant started = ((java.time.OffsetDateTime) batch.get("STARTED_AT")).toInstant();
            var local = started.atZone(ZoneId.systemDefault());
            var lastMark = local.truncatedTo(ChronoUnit.HOURS).plusMinutes(local.getMinute() / 5 * 5L);
            String expected = "catching up the fire of " + DateTimeFormatter.ofPattern("HH:mm").format(lastMark)
                    + " (missed while the daemon was down)";
            assertThat((String) batch.get("NOTE")).contains(expected);
            assertThat(Files.readString(home.root().resolve("reports/" + batch.get("ID") + "/report.txt")))
                    .contains("! " + expected);
            assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single())
                    .as("the missed fires are caught up once, not one by one").isEqualTo(1);
        }
    }
}
