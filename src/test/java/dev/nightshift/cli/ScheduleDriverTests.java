package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.batch.BatchLock;
import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What drives a home's batches: its daemon, a crontab line for it, or nothing; and the next fire. */
class ScheduleDriverTests {

    @TempDir
    Path dir;

    private static final Instant NOW = ZonedDateTime.of(2026, 1, 13, 14, 30, 0, 0, ZoneId.systemDefault()).toInstant();

    @Test
    void theCrontabExampleLineWithItsVariableIsFoundForItsHomeWithItsNextFire() throws Exception {
        Home home = home("shift");
        String crontab = """
                # m h dom mon dow command
                NIGHTSHIFT=%s
                PATH=/usr/local/bin:/usr/bin:/bin
                0 */2 * * * cd "$NIGHTSHIFT" && scripts/nightshift run >> "$NIGHTSHIFT/reports/cron.log" 2>&1
                """.formatted(home.root());

        ScheduleDriver.Driver driver = ScheduleDriver.find(home, "0 0 */2 * * ?", () -> crontab, NOW);

        assertThat(driver.kind()).isEqualTo(ScheduleDriver.Kind.CRONTAB);
        assertThat(driver.what()).startsWith("0 */2 * * * cd \"$NIGHTSHIFT\"");
        assertThat(driver.next()).contains(ZonedDateTime.of(2026, 1, 13, 16, 0, 0, 0, ZoneId.systemDefault()).toInstant());
        assertThat(String.join("\n", ScheduleDriver.lines(driver, ZoneId.systemDefault())))
                .startsWith("schedule: crontab: 0 */2 * * * cd").endsWith("; next batch 01-13 16:00");
    }

    @Test
    void aLineForAnotherHomeIsNotThisHomesEvenThroughTheSameLauncher() throws Exception {
        Home home = home("shift");
        Home other = home("shift-two");
        String crontab = """
                15 3 * * * %1$s/scripts/nightshift --home %2$s run
                30 4 * * * NIGHTSHIFT_HOME=%2$s %1$s/scripts/nightshift run
                0 5 * * * %2$s/scripts/nightshift run
                @reboot cd %1$s && scripts/nightshift daemon
                # 0 * * * * cd %1$s && scripts/nightshift run
                """.formatted(home.root(), other.root());

        assertThat(ScheduleDriver.find(home, "0 0 */2 * * ?", () -> crontab, NOW).kind()).isEqualTo(ScheduleDriver.Kind.NONE);
        ScheduleDriver.Driver theOther = ScheduleDriver.find(other, "0 0 */2 * * ?", () -> crontab, NOW);
        assertThat(theOther.kind()).isEqualTo(ScheduleDriver.Kind.CRONTAB);
        assertThat(theOther.what()).startsWith("15 3 * * *");
    }

    @Test
    void nothingInstalledIsSaid() throws Exception {
        Home home = home("shift");
        ScheduleDriver.Driver driver = ScheduleDriver.find(home, "0 0 */2 * * ?", () -> "", NOW);

        assertThat(driver).isEqualTo(new ScheduleDriver.Driver(ScheduleDriver.Kind.NONE, "", Optional.empty()));
        assertThat(ScheduleDriver.lines(driver, ZoneId.systemDefault()).get(0))
                .startsWith("schedule: no schedule is installed: no batch runs unless you run one");
    }

    @Test
    void aRunningDaemonDrivesTheHomeOnItsScheduleAndTheCrontabIsNotRead() throws Exception {
        Home home = home("shift");
        try (BatchLock daemon = BatchLock.tryAcquire(home.daemonLockFile()).orElseThrow()) {
            daemon.describe("daemon pid 4242, since 2026-01-13T09:00:00");

            ScheduleDriver.Driver driver = ScheduleDriver.find(home, "0 0 */2 * * ?", () -> {
                throw new AssertionError("the crontab is not read while the daemon runs");
            }, NOW);

            assertThat(driver.kind()).isEqualTo(ScheduleDriver.Kind.DAEMON);
            assertThat(ScheduleDriver.lines(driver, ZoneId.systemDefault())).containsExactly(
                    "schedule: the daemon pid 4242, since 2026-01-13T09:00:00; next batch 01-13 16:00");
        }
    }

    @Test
    void theCrontabIsReadThroughTheCrontabProgramAndAMissingOneReadsAsEmpty() throws Exception {
        Path program = dir.resolve("crontab");
        Files.writeString(program, "#!/usr/bin/env bash\n[ \"$1\" = -l ] || exit 2\necho '0 1 * * * nightshift run'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(ScheduleDriver.crontab(List.of(program.toString(), "-l"))).isEqualTo("0 1 * * * nightshift run\n");
        assertThat(ScheduleDriver.crontab(List.of(dir.resolve("no-such-crontab").toString(), "-l"))).isEmpty();
    }

    private Home home(String name) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(root.resolve(".nightshift"));
        return new Home(root);
    }
}
