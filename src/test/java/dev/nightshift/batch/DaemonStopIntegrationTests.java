package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * `nightshift daemon` as a real process: the command line works beside it (one writer, the H2
 * server on loopback only), and SIGTERM ends it cleanly within 10 seconds.
 */
class DaemonStopIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void statusWorksBesideTheDaemonAndSigtermStopsItsBatchWithinTenSeconds() throws Exception {
        TestHome home = TestHome.create(dir);
        Path hold = dir.resolve("hold");
        Path held = dir.resolve("held");
        Path pids = dir.resolve("pids");
        // The first run holds the batch in its build phase, ignoring SIGTERM like a stubborn CLI;
        // later runs do the work.
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                if [ -e %1$s ]; then
                  rm %1$s; echo "half of $NIGHTSHIFT_TASK" >> PARTIAL.md
                  trap '' TERM; echo $$ >> %2$s; (trap '' TERM; sleep 600) & echo $! >> %2$s; touch %3$s; wait
                fi
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(hold, pids, held));
        // Once a minute, with a batch limit below the gap: a daemon refuses a schedule whose batch outlasts a gap.
        // Unconfined: the agent's hold flags and pids live in the test's folder.
        home.settings("schedule: \"0 * * * * ?\"\ntimeouts: {batch: 55s, report: 5s}\nagent: {kind: generic, command: \""
                + agent + "\", sandbox: none}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        Files.createFile(hold);

        Process daemon = ChildNightshift.start(home, dir.resolve("daemon.log"), "daemon");
        try {
            long until = System.nanoTime() + PATIENCE.toNanos();
            while (!Files.exists(held)) {
                assertThat(daemon.isAlive()).as(() -> "the daemon runs; its log:\n" + read(dir.resolve("daemon.log"))).isTrue();
                assertThat(System.nanoTime()).as("a batch reached its agent in time").isLessThan(until);
                Thread.sleep(100);
            }

            // Beside it: status reads the database the daemon holds, through H2's server on loopback.
            String status = status(home);
            assertThat(status).containsPattern("lock: held by batch \\d{8}-\\d{6} \\(pid \\d+\\) since \\d{2}:\\d{2}\n")
                    .contains("running");
            // A second daemon for the same home is refused: it would fire every slot again.
            Process second = ChildNightshift.start(home, dir.resolve("second.log"), "daemon");
            try {
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second daemon ends by itself").isTrue();
                assertThat(second.exitValue()).isEqualTo(3);
                assertThat(read(dir.resolve("second.log")))
                        .containsPattern("nightshift: a daemon already runs for this home \\(daemon pid \\d+, since ");
            } finally {
                second.destroyForcibly();
            }
            int port = h2ServerPort(home);
            assertThat(listeners(port)).as("H2's server for port %d", port).isNotEmpty()
                    .allSatisfy(address -> assertThat(address).as("bound to loopback only").isEqualTo("127.0.0.1"));

            long sent = System.nanoTime();
            daemon.destroy();  // SIGTERM
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            System.out.println("the daemon stopped " + took.toMillis() + " ms after SIGTERM (exit " + daemon.exitValue() + ")");
            assertThat(took).as("stopped within 10 s of SIGTERM").isLessThan(Duration.ofSeconds(10));
        } finally {
            daemon.destroyForcibly();
        }

        JdbcClient db = home.db();
        var batch = db.sql("SELECT id, status, ended_at, note FROM batches ORDER BY id").query().listOfRows();
        assertThat(batch).hasSize(1);
        assertThat(batch.get(0).get("STATUS")).isEqualTo("STOPPED");
        assertThat(batch.get(0).get("ENDED_AT")).isNotNull();
        // one line of the note (the other says that this unconfined agent ran unconfined)
        assertThat(((String) batch.get(0).get("NOTE")).lines())
                .anySatisfy(line -> assertThat(line).startsWith("Stopped: nightshift was told to stop during the build phase"));
        assertThat(db.sql("SELECT outcome FROM phase_results WHERE phase = 'report'").query(String.class).single())
                .isEqualTo("SKIPPED");
        assertThat(db.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NULL").query(Integer.class).single())
                .as("no execution left running").isZero();
        assertThat(Files.readAllLines(pids)).hasSize(2).allSatisfy(pid ->
                assertThat(CrashRecoveryIntegrationTests.running(Long.parseLong(pid.strip()))).as("process %s", pid).isFalse());
        assertThat(BatchLock.isHeld(home.home().lockFile())).isFalse();
        assertThat(BatchLock.holder(home.home().lockFile())).as("released by its holder, not by its death").startsWith("free");

        // Nothing it left blocks the next batch, and the stopped agent's work was kept.
        assertThat(home.run("run")).isZero();
        assertThat(TestHome.gitOut(home.origin(), "show", "nightshift/0001-feature:PARTIAL.md")).contains("half of Feature");
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aRunToldToStopMidBuildKeepsTheWorkAndCountsNeitherAsATimeoutNorAsTheSpecsFailure() throws Exception {
        TestHome home = TestHome.create(dir);
        Path hold = dir.resolve("hold");
        Path held = dir.resolve("held");
        // The first run leaves half its work and waits, as an agent at work does; later runs do the work.
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                if [ -e %1$s ]; then
                  rm %1$s; echo "half of $NIGHTSHIFT_TASK" >> PARTIAL.md; touch %2$s; sleep 600 & wait
                fi
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(hold, held));
        // Unconfined: the agent's hold flags live in the test's folder.
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\nbuild: {max-attempts: 1}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        Files.createFile(hold);

        Process run = ChildNightshift.start(home, dir.resolve("run.log"), "run");
        try {
            long until = System.nanoTime() + PATIENCE.toNanos();
            while (!Files.exists(held)) {
                assertThat(run.isAlive()).as(() -> "the run runs; its log:\n" + read(dir.resolve("run.log"))).isTrue();
                assertThat(System.nanoTime()).as("the batch reached its agent in time").isLessThan(until);
                Thread.sleep(100);
            }
            run.destroy();  // SIGTERM, mid-build
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // 1 when the batch's own end wins the race to exit, 143 when the signal's does
            assertThat(run.exitValue()).isIn(1, 143);
        } finally {
            run.destroyForcibly();
        }

        JdbcClient db = home.db();
        var batch = db.sql("SELECT status, note FROM batches").query().singleRow();
        assertThat(batch.get("STATUS")).isEqualTo("STOPPED");
        assertThat(((String) batch.get("NOTE")).lines().filter(l -> l.startsWith("Stopped:")).toList())
                .as("one note, naming the phase the stop came in").singleElement().asString()
                .startsWith("Stopped: nightshift was told to stop during the build phase;");
        var result = db.sql("SELECT outcome, detail FROM build_results").query().singleRow();
        assertThat(result.get("OUTCOME")).isEqualTo("STOPPED");
        assertThat(result.get("DETAIL")).isEqualTo("nightshift was told to stop; the work was kept on the local branch");
        var agentRun = db.sql("SELECT timed_out, summary FROM agent_runs").query().singleRow();
        assertThat(agentRun.get("TIMED_OUT")).as("a stop is not a timeout").isEqualTo(false);
        assertThat((String) agentRun.get("SUMMARY")).startsWith("stopped");
        Path clone = home.root().resolve(".nightshift/repos/shop");
        assertThat(TestHome.gitOut(clone, "log", "--format=%s", "nightshift/0001-feature"))
                .contains("unfinished work", "nightshift was told to stop");
        assertThat(home.originHasBranch("nightshift/0001-feature")).as("nothing pushed").isFalse();

        // The next batch: no "agent timeouts" risk, and with max-attempts 1 the stop did not use the spec's attempt.
        assertThat(home.run("run")).isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM risks WHERE kind = 'AGENT_TIMEOUTS'").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("STOPPED", "PR_OPENED");
        assertThat(TestHome.gitOut(home.origin(), "show", "nightshift/0001-feature:PARTIAL.md")).contains("half of Feature");
    }

        private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String status(TestHome home) {
        Captured status = Captured.run(home, "status");
        assertThat(status.exit()).isZero();
        return status.out();
    }

    /** The port H2's AUTO_SERVER wrote into its lock file for other processes to connect to. */
    private static int h2ServerPort(TestHome home) throws IOException {
        Properties lock = new Properties();
        try (var in = Files.newInputStream(home.home().database().resolveSibling("db.lock.db"))) {
            lock.load(in);
        }
        String server = lock.getProperty("server");
        assertThat(server).as("H2's lock file names its server").isNotNull();
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    /** The local addresses listening on {@code port}, from the kernel's socket tables. */
    private static List<String> listeners(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (Integer.parseInt(local[1], 16) == port && fields[3].equals("0A")) {
                    addresses.add(decode(local[0]));
                }
            }
        }
        return addresses;
    }

    private static String decode(String hex) {
        if (hex.length() == 8) {
            // IPv4 in the kernel's little-endian order
            return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                    + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            // an IPv4 address seen through a dual-stack socket (::ffff:a.b.c.d)
            return decode(hex.substring(24));
        }
        return hex.equals("00000000000000000000000000000000") ? "::" : "ipv6:" + hex;
    }
}
