package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.store.Database;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon does not start on a schedule whose batch could outlast the gap to the next fire: doctor's check, doctor's words. */
class DaemonScheduleRefusalIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aScheduleDoctorFailsIsRefusedByTheDaemonWithTheSameMessageAndExit2BeforeAnythingStarts() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\n");
        // Hourly fires, and the default batch limit of 1h55m.
        home.settings("schedule: \"0 * * * *\"\nagent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        String doctorLine = Captured.run(home, "doctor").lines().stream().filter(l -> l.startsWith("FAIL  schedule: "))
                .findFirst().orElseThrow();
        assertThat(doctorLine).contains("timeouts.batch (1h55m) must end before the next fire, but \"0 0 * * * ?\" fires"
                + " 1h00m apart");

        Path log = dir.resolve("daemon.log");
        Process daemon = ChildNightshift.start(home, log, "daemon");
        try {
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("the daemon refuses at once").isTrue();
        } finally {
            daemon.destroyForcibly();
        }

        assertThat(daemon.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log).strip()).isEqualTo("nightshift: " + doctorLine.substring("FAIL  ".length()));
        assertThat(Database.exists(home.home())).as("no database made: nothing started").isFalse();
    }

    @Test
    void aScheduleWhoseGapsTheBatchFitsStarts() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("schedule: \"0 * * * *\"\ntimeouts: {batch: 50m}\n");
        Path log = dir.resolve("daemon.log");
        Process daemon = ChildNightshift.start(home, log, "daemon");
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("stop it with SIGTERM") && System.nanoTime() < until) {
                assertThat(daemon.isAlive()).as(() -> "the daemon runs; its log:\n" + read(log)).isTrue();
                Thread.sleep(200);
            }
            assertThat(read(log)).contains("schedule \"0 0 * * * ?\"; stop it with SIGTERM");
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
            daemon.destroyForcibly();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
