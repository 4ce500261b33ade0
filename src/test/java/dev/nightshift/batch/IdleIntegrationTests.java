package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The idle no-op and the pause: no agent, no tokens, no mail, still recorded; decided before Spring starts. */
class IdleIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private Path started;

    private TestHome home(String whenIdle) {
        TestHome home = TestHome.create(dir);
        started = dir.resolve("agent-started");
        Path agent = home.agent("agent.sh", "touch " + started + "\ncat > /dev/null\necho done >> DONE.md\n");
        // Unconfined: the agent marks that it started in the test's folder, where a sandbox would hide the mark.
        home.settings("""
                agent: {kind: generic, command: "%s", sandbox: none}
                mail: {to: [owner@example.com], when-idle: %s, smtp: {host: localhost, port: %d}}
                """.formatted(agent, whenIdle, smtp.getSmtp().getPort()));
        home.project("shop", "");
        return home;
    }

    @Test
    void anIdleBatchRunsNoAgentSendsNoMailAndIsRecordedWithoutStartingTheBatchMachinery() throws Exception {
        TestHome home = home("skip");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");

        Output run = capture(() -> home.run("run"));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("batch \\d{8}-\\d{6} idle: nothing queued or active\\s*");
        assertThat(started).as("no agent process").doesNotExist();
        assertThat(smtp.getReceivedMessages()).as("no mail under when-idle: skip").isEmpty();
        var db = home.db();
        var batch = db.sql("SELECT status, ended_at, trigger_kind FROM batches").query().singleRow();
        assertThat(batch.get("STATUS")).isEqualTo("IDLE");
        assertThat(batch.get("ENDED_AT")).isNotNull();
        assertThat(batch.get("TRIGGER_KIND")).isEqualTo("cli");
        assertThat(db.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Integer.class).single()).isZero();
        assertThat(home.root().resolve("reports")).as("no batch folder, no log: the job never started")
                .satisfies(reports -> assertThat(!Files.exists(reports) || Files.list(reports).findAny().isEmpty()).isTrue());
        assertThat(BatchLock.holder(home.home().lockFile())).startsWith("free");

        // The same no-op as a command of its own, to see what it costs from a cold start.
        long before = System.nanoTime();
        Process child = ChildNightshift.start(home, dir.resolve("idle-child.log"), "run");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.printf("an idle `nightshift run` in a fresh JVM took %d ms (test classpath, no AppCDS)%n",
                (System.nanoTime() - before) / 1_000_000);
        assertThat(child.exitValue()).isZero();
        // Its record waits beside the database (the database now exists) until the next opening moves it in.
        assertThat(home.home().pendingBatches()).isNotEmptyFile();
        assertThat(home.db().sql("SELECT status FROM batches ORDER BY id").query(String.class).list()).containsExactly("IDLE", "IDLE");
        assertThat(started).doesNotExist();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aPauseFileStopsAgentWorkUntilItIsRemoved() throws Exception {
        TestHome home = home("skip");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("pause", "holiday")).isZero();
        assertThat(home.read("wip-specs/PAUSE")).contains("nightshift resume", "holiday");
        Output paused = capture(() -> home.run("run"));
        Output stillPaused = capture(() -> home.run("run"));

        assertThat(paused.exit()).isZero();
        assertThat(paused.out()).contains("paused: " + home.root().resolve("wip-specs/PAUSE") + " exists");
        assertThat(stillPaused.exit()).isZero();
        assertThat(started).as("no agent while paused").doesNotExist();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).isTrue();
        assertThat(home.db().sql("SELECT status FROM batches ORDER BY id").query(String.class).list())
                .containsExactly("PAUSED", "PAUSED");

        assertThat(home.run("resume")).isZero();
        assertThat(home.exists("wip-specs/PAUSE")).isFalse();
        assertThat(home.run("run")).isZero();

        assertThat(started).as("the agent runs again").exists();
        assertThat(home.originHasBranch("nightshift/0001-feature")).isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(home.db().sql("SELECT status FROM batches ORDER BY id").query(String.class).list())
                .containsExactly("PAUSED", "PAUSED", "SUCCEEDED");
    }

    @Test
    void underWhenIdleSendTheIdleBatchIsMailed() throws Exception {
        TestHome home = home("send");

        assertThat(home.run("run")).isZero();

        assertThat(started).doesNotExist();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("[nightshift] nothing to do · ");
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("Nothing to do (idle: nothing queued or active).");
    }

    @Test
    void anIdleBatchAfterOneThatDiedTakesTheFullPathAndRecoversIt() throws Exception {
        TestHome home = home("skip");
        // A batch whose process died: its row still says RUNNING, and the lock file still names it.
        var db = home.db();
        db.sql("INSERT INTO batches (id, started_at, status, trigger_kind, pid) VALUES ('20200101-000000', ?, 'RUNNING', 'cli', 999999999)")
                .param(Instant.parse("2020-01-01T00:00:00Z")).update();
        Files.createDirectories(home.home().state());
        Files.writeString(home.home().lockFile(), "running batch 20200101-000000, pid 999999999, since 2020-01-01T00:00\n");

        Output run = capture(() -> home.run("run"));

        assertThat(run.exit()).isZero();
        assertThat(db.sql("SELECT status FROM batches WHERE id = '20200101-000000'").query(String.class).single())
                .isEqualTo("CRASHED");
        assertThat(db.sql("SELECT note FROM batches WHERE id <> '20200101-000000'").query(String.class).single())
                .startsWith("Recovered from batch 20200101-000000, whose process died");
        assertThat(started).doesNotExist();
    }

    record Output(int exit, String out) {
    }

    interface Command {
        int run();
    }

    private static Output capture(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = command.run();
            return new Output(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
